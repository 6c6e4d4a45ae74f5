mod tantivy_index;

pub use tantivy_index::TantivyIndex;
