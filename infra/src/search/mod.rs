mod meilisearch;
mod tantivy_index;

pub use meilisearch::MeilisearchIndex;
pub use tantivy_index::TantivyIndex;
