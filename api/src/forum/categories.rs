//! Forum categories: read by every member, kept by coordinators.

use domain::Services;
use domain::forum::categories::{self, Category, CategoryPatch, NewCategory};
use domain::ids::CategoryId;
use poem::Request;
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::ForumTags;
use crate::auth;
use crate::problem::ApiResult;

#[derive(Debug, Clone, Object)]
#[oai(rename = "ForumCategory")]
pub struct CategoryOut {
    pub id: uuid::Uuid,
    pub name: String,
    pub description: String,
    /// Lower first.
    pub position: i32,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<Category> for CategoryOut {
    fn from(c: Category) -> Self {
        CategoryOut {
            id: c.id.0,
            name: c.name,
            description: c.description,
            position: c.position,
            created_at: c.created_at,
        }
    }
}

#[derive(Debug, Clone, Object)]
#[oai(rename = "ForumCategoryList")]
pub struct CategoryList {
    pub items: Vec<CategoryOut>,
}

#[derive(Debug, Object)]
#[oai(rename = "ForumCategoryCreate", deny_unknown_fields)]
pub struct CategoryCreate {
    #[oai(validator(max_length = 200))]
    pub name: String,
    #[oai(validator(max_length = 5000), default)]
    pub description: String,
    #[oai(default)]
    pub position: i32,
}

#[derive(Debug, Object)]
#[oai(rename = "ForumCategoryUpdate", deny_unknown_fields)]
pub struct CategoryUpdate {
    #[oai(validator(max_length = 200))]
    pub name: Option<String>,
    #[oai(validator(max_length = 5000))]
    pub description: Option<String>,
    pub position: Option<i32>,
}

#[derive(ApiResponse)]
enum Deleted {
    /// Deleted.
    #[oai(status = 204)]
    Ok,
}

pub struct CategoriesApi;

#[OpenApi(tag = "ForumTags::Forum")]
impl CategoriesApi {
    /// The network's forum categories, by position.
    #[oai(path = "/networks/:slug/forum/categories", method = "get")]
    async fn list(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
    ) -> ApiResult<Json<CategoryList>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let items = categories::list(&svc, &scope).await?;
        Ok(Json(CategoryList {
            items: items.into_iter().map(Into::into).collect(),
        }))
    }

    /// Create a category (coordinators).
    #[oai(path = "/networks/:slug/forum/categories", method = "post")]
    async fn create(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        body: Json<CategoryCreate>,
    ) -> ApiResult<Json<CategoryOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let created = categories::create(
            &svc,
            &scope,
            NewCategory {
                name: body.name,
                description: body.description,
                position: body.position,
            },
        )
        .await?;
        Ok(Json(created.into()))
    }

    /// One category.
    #[oai(path = "/networks/:slug/forum/categories/:id", method = "get")]
    async fn get(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<CategoryOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            categories::get(&svc, &scope, CategoryId(id.0))
                .await?
                .into(),
        ))
    }

    /// Rename, describe or move a category (coordinators).
    #[oai(path = "/networks/:slug/forum/categories/:id", method = "patch")]
    async fn update(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<CategoryUpdate>,
    ) -> ApiResult<Json<CategoryOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let updated = categories::update(
            &svc,
            &scope,
            CategoryId(id.0),
            CategoryPatch {
                name: body.name,
                description: body.description,
                position: body.position,
            },
        )
        .await?;
        Ok(Json(updated.into()))
    }

    /// Delete an empty category (coordinators); one with threads answers 409
    /// `category_not_empty`.
    #[oai(path = "/networks/:slug/forum/categories/:id", method = "delete")]
    async fn delete(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Deleted> {
        let scope = auth::scope(&svc, req, &slug).await?;
        categories::delete(&svc, &scope, CategoryId(id.0)).await?;
        Ok(Deleted::Ok)
    }
}
