//! Helpers for testing use cases against in-memory fakes of the ports, without a runtime.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// Runs a future to completion on the current thread.
///
/// The fakes of the ports never wait on anything, so every future they drive is ready on the
/// first poll that reaches it; this loop is all the executor a domain test needs, and keeps
/// the domain crate free of an async runtime.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
        std::thread::yield_now();
    }
}

#[cfg(test)]
mod tests {
    use super::block_on;

    #[test]
    fn block_on_returns_what_the_future_yields() {
        assert_eq!(block_on(async { 40 + 2 }), 42);
    }
}
