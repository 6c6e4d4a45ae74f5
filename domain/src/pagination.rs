//! Keyset pagination. Lists are ordered newest first by id (UUIDv7 ids are time-ordered); the
//! cursor is the last id of the page, opaque to clients.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select};
use uuid::Uuid;

use crate::error::{Error, Result};

pub const DEFAULT_LIMIT: u64 = 20;
pub const MAX_LIMIT: u64 = 100;

/// A validated page request.
#[derive(Clone, Copy, Debug, Default)]
pub struct PageRequest {
    pub limit: u64,
    /// Items strictly older than this id.
    pub after: Option<Uuid>,
    /// For lists ordered by a time (meetings by start): the time of the cursor's row.
    pub after_time: Option<DateTime<Utc>>,
}

impl PageRequest {
    /// From what a client sent: `limit` 1–100 (default 20) and a cursor this server handed out.
    pub fn parse(limit: Option<u64>, cursor: Option<&str>) -> Result<Self> {
        let limit = match limit {
            None => DEFAULT_LIMIT,
            Some(n) if (1..=MAX_LIMIT).contains(&n) => n,
            Some(_) => return Err(Error::invalid("limit", "out_of_range")),
        };
        let (after, after_time) = match cursor.filter(|c| !c.is_empty()) {
            None => (None, None),
            Some(cursor) => {
                let (id, time) = decode(cursor)?;
                (Some(id), time)
            }
        };
        Ok(Self {
            limit,
            after,
            after_time,
        })
    }

    pub fn first(limit: u64) -> Self {
        Self {
            limit,
            after: None,
            after_time: None,
        }
    }
}

/// Orders a list newest first by `id` and takes one page: the rows after the cursor, plus one
/// more that only tells [`Page::from_rows`] whether there is a next page.
pub(crate) fn keyset<E: EntityTrait>(
    query: Select<E>,
    id: E::Column,
    page: PageRequest,
) -> Select<E> {
    let query = match page.after {
        Some(after) => query.filter(id.lt(after)),
        None => query,
    };
    query.order_by_desc(id).limit(page.limit + 1)
}

/// One page of a list.
#[derive(Clone, Debug)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// Builds a page from up to `limit + 1` rows fetched in order: the extra row only says that
    /// there is more.
    pub(crate) fn from_rows(
        mut rows: Vec<T>,
        request: PageRequest,
        id: impl Fn(&T) -> Uuid,
    ) -> Self {
        let more = rows.len() as u64 > request.limit;
        rows.truncate(request.limit as usize);
        let next_cursor = if more {
            rows.last().map(|row| encode(id(row), None))
        } else {
            None
        };
        Page {
            items: rows,
            next_cursor,
        }
    }

    /// Like [`Page::from_rows`] for a list ordered by a time, then id.
    pub(crate) fn from_timed_rows(
        mut rows: Vec<T>,
        request: PageRequest,
        key: impl Fn(&T) -> (DateTime<Utc>, Uuid),
    ) -> Self {
        let more = rows.len() as u64 > request.limit;
        rows.truncate(request.limit as usize);
        let next_cursor = if more {
            rows.last().map(|row| {
                let (time, id) = key(row);
                encode(id, Some(time))
            })
        } else {
            None
        };
        Page {
            items: rows,
            next_cursor,
        }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next_cursor: self.next_cursor,
        }
    }
}

/// The id's 16 bytes, then for timed lists the time in microseconds (8 bytes, big-endian).
fn encode(id: Uuid, time: Option<DateTime<Utc>>) -> String {
    let mut bytes = id.as_bytes().to_vec();
    if let Some(time) = time {
        bytes.extend_from_slice(&time.timestamp_micros().to_be_bytes());
    }
    URL_SAFE_NO_PAD.encode(bytes)
}

fn decode(cursor: &str) -> Result<(Uuid, Option<DateTime<Utc>>)> {
    let bytes = URL_SAFE_NO_PAD
        .decode(cursor)
        .map_err(|_| Error::InvalidCursor)?;
    let (id, time) = match bytes.len() {
        16 => (&bytes[..], None),
        24 => (&bytes[..16], Some(&bytes[16..])),
        _ => return Err(Error::InvalidCursor),
    };
    let id = Uuid::from_slice(id).map_err(|_| Error::InvalidCursor)?;
    let time = match time {
        None => None,
        Some(micros) => {
            let micros = i64::from_be_bytes(micros.try_into().map_err(|_| Error::InvalidCursor)?);
            Some(DateTime::from_timestamp_micros(micros).ok_or(Error::InvalidCursor)?)
        }
    };
    Ok((id, time))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trip() {
        let id = Uuid::now_v7();
        let request = PageRequest::parse(Some(10), Some(&encode(id, None))).unwrap();
        assert_eq!(request.after, Some(id));
        assert_eq!(request.limit, 10);
    }

    #[test]
    fn rejects_foreign_cursors_and_limits() {
        assert!(matches!(
            PageRequest::parse(None, Some("%%%")),
            Err(Error::InvalidCursor)
        ));
        assert!(matches!(
            PageRequest::parse(None, Some("abcd")),
            Err(Error::InvalidCursor)
        ));
        assert!(matches!(
            PageRequest::parse(Some(0), None),
            Err(Error::Invalid(_))
        ));
        assert!(matches!(
            PageRequest::parse(Some(101), None),
            Err(Error::Invalid(_))
        ));
    }

    #[test]
    fn next_cursor_only_when_more() {
        let ids: Vec<Uuid> = (0..3).map(|_| Uuid::now_v7()).collect();
        let page = Page::from_rows(ids.clone(), PageRequest::first(3), |id| *id);
        assert!(page.next_cursor.is_none());
        let page = Page::from_rows(ids, PageRequest::first(2), |id| *id);
        assert_eq!(page.items.len(), 2);
        assert!(page.next_cursor.is_some());
    }
}
