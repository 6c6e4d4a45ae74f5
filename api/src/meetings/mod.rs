//! Meetings and events: scheduling and series, the programme, registration questions,
//! registration (members, signed-out guests, the organisers' list and CSV export), breakout
//! groups, minutes with action items, and the personal calendar feed's URL.
//!
//! Times are RFC 3339 date-times and answered in UTC; clients show them in the network's time
//! zone (`GET /networks/{slug}`). Registration conflicts answer 409 with the reason in
//! `errors[0].code`: `meeting_full`, `registration_closed`, `registration_not_open`,
//! `meeting_cancelled`, `meeting_not_published`, `registration_not_offered`,
//! `already_registered`, `cancellation_closed`, `not_pending_approval`,
//! `status_change_not_allowed`, `members_only` (a guest registering for a case consultation,
//! which always waits for an organiser's approval); changing a meeting's kind to or from
//! `case_consultation` once it has cases, files or minutes answers 409 `kind_locked`. The `.ics` files and feeds are served by the web UI, not here.

mod answers;
mod breakouts;
mod feeds;
mod minutes;
mod programme;
mod registrations;
mod schedule;
mod series;

/// The meeting operations, mounted as one entry of the API's tuple.
pub type MeetingsApis = (
    schedule::MeetingsApi,
    series::SeriesApi,
    programme::ProgrammeApi,
    registrations::RegistrationsApi,
    breakouts::BreakoutsApi,
    minutes::MinutesApi,
    feeds::FeedsApi,
);

pub fn apis() -> MeetingsApis {
    (
        schedule::MeetingsApi,
        series::SeriesApi,
        programme::ProgrammeApi,
        registrations::RegistrationsApi,
        breakouts::BreakoutsApi,
        minutes::MinutesApi,
        feeds::FeedsApi,
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_document_describes_the_export_and_answers() {
        let doc: serde_json::Value = serde_json::from_str(&crate::openapi_document()).unwrap();
        let export = &doc["paths"]["/networks/{slug}/meetings/{id}/registrations.csv"]["get"];
        assert!(export["responses"]["200"]["content"]["text/csv; charset=utf-8"].is_object());
        let answers = &doc["components"]["schemas"]["RegistrationCreate"]["properties"]["answers"];
        assert_eq!(
            answers["additionalProperties"]["oneOf"][1]["type"], "array",
            "{answers}"
        );
    }
}
