//! `/calendar-feeds`: a doctor's private iCalendar feed URLs (create, list, revoke) and the
//! feed itself, which a calendar app fetches with the URL's token instead of a bearer token.

use utoipa_actix_web::service_config::ServiceConfig;

pub mod dto;
mod feed;
mod manage;

/// Registers the calendar feed routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(manage::list_calendar_feeds)
        .service(manage::create_calendar_feed)
        .service(manage::revoke_calendar_feed)
        .service(feed::calendar_feed);
}
