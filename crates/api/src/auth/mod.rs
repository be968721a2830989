//! Authentication: who is calling, and slowing down password guessing.

pub mod extractor;
pub mod throttle;

pub use extractor::CurrentActor;
