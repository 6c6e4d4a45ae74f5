use chrono::{DateTime, Utc};
use domain::clock::Clock;

/// The wall clock, for the running program.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}
