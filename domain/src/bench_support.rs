//! Only with the `bench` feature: the bare primary-key read that `bench/run` uses as a baseline
//! for the API's project endpoint. It skips the tenant scope on purpose — it measures sea-orm,
//! not Samvirke — and is never compiled into a normal build.

use sea_orm::{EntityTrait, QuerySelect};

use crate::Services;
use crate::entities::project;
use crate::ids::ProjectId;

pub async fn project_title_by_id(svc: &Services, id: uuid::Uuid) -> anyhow::Result<Option<String>> {
    Ok(project::Entity::find_by_id(ProjectId(id))
        .select_only()
        .column(project::Column::Title)
        .into_tuple::<String>()
        .one(svc.db.conn())
        .await?)
}
