mod local;

pub use local::LocalBlobStore;
