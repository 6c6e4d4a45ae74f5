//! Baseline handlers for `bench/run`, compiled in only with the `bench` feature: a bare poem
//! handler, and a bare handler doing one primary-key read through sea-orm. The benchmark
//! compares the real endpoints against these in the same run.

use domain::Services;
use poem::web::{Data, Path};
use poem::{Route, get, handler};

#[handler]
fn plain() -> &'static str {
    "ok"
}

#[handler]
async fn primary_key(svc: Data<&Services>, Path(id): Path<uuid::Uuid>) -> poem::Result<String> {
    let title = domain::bench_support::project_title_by_id(&svc, id)
        .await
        .map_err(|e| {
            poem::Error::from_string(
                format!("{e:#}"),
                poem::http::StatusCode::INTERNAL_SERVER_ERROR,
            )
        })?;
    Ok(title.unwrap_or_default())
}

pub fn mount(routes: Route) -> Route {
    routes
        .at("/bench/plain", get(plain))
        .at("/bench/pk/:id", get(primary_key))
}
