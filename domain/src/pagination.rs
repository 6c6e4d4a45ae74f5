//! Keyset pagination. Lists are ordered newest first by id (UUIDv7 ids are time-ordered); the
//! cursor is the last id of the page, opaque to clients.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
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
}

impl PageRequest {
    /// From what a client sent: `limit` 1–100 (default 20) and a cursor this server handed out.
    pub fn parse(limit: Option<u64>, cursor: Option<&str>) -> Result<Self> {
        let limit = match limit {
            None => DEFAULT_LIMIT,
            Some(n) if (1..=MAX_LIMIT).contains(&n) => n,
            Some(_) => return Err(Error::invalid("limit", "out_of_range")),
        };
        let after = match cursor.filter(|c| !c.is_empty()) {
            None => None,
            Some(cursor) => Some(decode(cursor)?),
        };
        Ok(Self { limit, after })
    }

    pub fn first(limit: u64) -> Self {
        Self { limit, after: None }
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
            rows.last().map(|row| encode(id(row)))
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

fn encode(id: Uuid) -> String {
    URL_SAFE_NO_PAD.encode(id.as_bytes())
}

fn decode(cursor: &str) -> Result<Uuid> {
    let bytes = URL_SAFE_NO_PAD
        .decode(cursor)
        .map_err(|_| Error::InvalidCursor)?;
    Uuid::from_slice(&bytes).map_err(|_| Error::InvalidCursor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trip() {
        let id = Uuid::now_v7();
        let request = PageRequest::parse(Some(10), Some(&encode(id))).unwrap();
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
