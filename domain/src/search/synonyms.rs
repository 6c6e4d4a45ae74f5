//! A network's search synonyms and abbreviations ("BUP" = "børne- og ungdomspsykiatri"), kept by
//! its coordinators. They are expanded when documents are written (see [`super::analysis`]), so
//! every change enqueues one job that reindexes the network, on the change's transaction.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder,
};

use super::analysis::Synonyms;
use crate::Services;
use crate::audit;
use crate::entities::search_synonym;
use crate::error::{Error, Result};
use crate::ids::SynonymId;
use crate::jobs::{self, Task};
use crate::policy::Action;
use crate::tenancy::{TenantOwned, TenantScope};
use crate::text::{CODE_INVALID, CODE_REQUIRED, CODE_TOO_LONG, Validator};

impl TenantOwned for search_synonym::Entity {
    fn tenant_column() -> Self::Column {
        search_synonym::Column::TenantId
    }
}

pub const MIN_PHRASES: usize = 2;
pub const MAX_PHRASES: usize = 20;
pub const MAX_PHRASE_CHARS: usize = 100;
/// How many sets one network may keep (each is expanded into every document written).
pub const MAX_SETS: usize = 500;

/// Keeping synonyms is a coordinator's work, like the network's groups and organisations.
const ACTION: Action = Action::EditAnyContent;

/// One set of equivalent phrases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SynonymSet {
    pub id: SynonymId,
    pub phrases: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<search_synonym::Model> for SynonymSet {
    fn from(model: search_synonym::Model) -> Self {
        SynonymSet {
            id: model.id,
            phrases: serde_json::from_value(model.phrases).unwrap_or_default(),
            created_at: model.created_at,
            updated_at: model.updated_at,
        }
    }
}

/// The network's sets, oldest first (coordinators).
pub async fn list(svc: &Services, scope: &TenantScope) -> Result<Vec<SynonymSet>> {
    scope.require(ACTION)?;
    Ok(rows(svc.db.conn(), scope)
        .await?
        .into_iter()
        .map(SynonymSet::from)
        .collect())
}

async fn rows(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
) -> Result<Vec<search_synonym::Model>> {
    Ok(scope
        .find::<search_synonym::Entity>()
        .order_by_asc(search_synonym::Column::Id)
        .all(conn)
        .await?)
}

/// The network's synonyms for the analysis, in one query.
pub(crate) async fn load(conn: &impl ConnectionTrait, scope: &TenantScope) -> Result<Synonyms> {
    Ok(Synonyms {
        sets: rows(conn, scope)
            .await?
            .into_iter()
            .map(|row| SynonymSet::from(row).phrases)
            .filter(|phrases| phrases.len() >= MIN_PHRASES)
            .collect(),
    })
}

/// Trimmed phrases, blank ones dropped; 2–20 of them, each at most 100 characters with a word in
/// it, no two the same (ignoring case).
fn check_phrases(phrases: &[String]) -> Result<Vec<String>> {
    let mut v = Validator::new();
    let phrases: Vec<String> = phrases
        .iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    if phrases.is_empty() {
        v.add("phrases", CODE_REQUIRED);
    } else if phrases.len() < MIN_PHRASES {
        v.add("phrases", "too_few");
    } else if phrases.len() > MAX_PHRASES {
        v.add("phrases", "too_many");
    }
    if phrases.iter().any(|p| p.chars().count() > MAX_PHRASE_CHARS) {
        v.add("phrases", CODE_TOO_LONG);
    } else if phrases
        .iter()
        .any(|p| !p.chars().any(char::is_alphanumeric))
    {
        v.add("phrases", CODE_INVALID);
    }
    let mut seen: Vec<String> = Vec::new();
    for phrase in &phrases {
        let key = phrase.to_lowercase();
        if seen.contains(&key) {
            v.add("phrases", "duplicate");
            break;
        }
        seen.push(key);
    }
    v.finish()?;
    Ok(phrases)
}

async fn enqueue_reindex(
    conn: &impl ConnectionTrait,
    svc: &Services,
    scope: &TenantScope,
) -> Result<()> {
    let network_id = scope.tenant_id();
    jobs::enqueue_unless_waiting(
        conn,
        svc,
        Some(network_id),
        &Task::ReindexNetwork { network_id },
    )
    .await
}

pub async fn create(
    svc: &Services,
    scope: &TenantScope,
    phrases: Vec<String>,
) -> Result<SynonymSet> {
    scope.require(ACTION)?;
    let phrases = check_phrases(&phrases)?;
    let txn = svc.db.begin_write().await?;
    if rows(&txn, scope).await?.len() >= MAX_SETS {
        return Err(Error::conflict("too_many_synonyms"));
    }
    let now = svc.now();
    let model = search_synonym::ActiveModel {
        id: Set(SynonymId::new()),
        tenant_id: Set(scope.tenant_id()),
        phrases: Set(serde_json::json!(phrases)),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        svc,
        scope,
        "search_synonyms.created",
        "search_synonym",
        Some(model.id.0),
        serde_json::json!({ "phrases": phrases }),
    )
    .await?;
    enqueue_reindex(&txn, svc, scope).await?;
    txn.commit().await?;
    Ok(model.into())
}

async fn find(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: SynonymId,
) -> Result<search_synonym::Model> {
    scope
        .find::<search_synonym::Entity>()
        .filter(search_synonym::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(Error::NotFound)
}

pub async fn update(
    svc: &Services,
    scope: &TenantScope,
    id: SynonymId,
    phrases: Vec<String>,
) -> Result<SynonymSet> {
    scope.require(ACTION)?;
    let phrases = check_phrases(&phrases)?;
    let txn = svc.db.begin_write().await?;
    let current = find(&txn, scope, id).await?;
    let mut model: search_synonym::ActiveModel = current.into();
    model.phrases = Set(serde_json::json!(phrases));
    model.updated_at = Set(svc.now());
    let updated = model.update(&txn).await?;
    audit::record(
        &txn,
        svc,
        scope,
        "search_synonyms.updated",
        "search_synonym",
        Some(id.0),
        serde_json::json!({ "phrases": phrases }),
    )
    .await?;
    enqueue_reindex(&txn, svc, scope).await?;
    txn.commit().await?;
    Ok(updated.into())
}

pub async fn delete(svc: &Services, scope: &TenantScope, id: SynonymId) -> Result<()> {
    scope.require(ACTION)?;
    let txn = svc.db.begin_write().await?;
    let current = find(&txn, scope, id).await?;
    scope
        .delete_many::<search_synonym::Entity>()
        .filter(search_synonym::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        svc,
        scope,
        "search_synonyms.deleted",
        "search_synonym",
        Some(id.0),
        current.phrases,
    )
    .await?;
    enqueue_reindex(&txn, svc, scope).await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::FieldError;
    use crate::policy::Role;
    use crate::testing::TestEnv;

    fn codes(result: Result<Vec<String>>) -> Vec<&'static str> {
        match result {
            Err(Error::Invalid(errors)) => errors.iter().map(|e: &FieldError| e.code).collect(),
            other => panic!("expected invalid, got {other:?}"),
        }
    }

    #[test]
    fn phrases_are_checked() {
        let s = |v: &[&str]| v.iter().map(|p| p.to_string()).collect::<Vec<_>>();
        assert_eq!(
            check_phrases(&s(&[" BUP ", "børne-  og ungdomspsykiatri", ""])).unwrap(),
            s(&["BUP", "børne- og ungdomspsykiatri"])
        );
        assert_eq!(codes(check_phrases(&s(&["BUP"]))), vec!["too_few"]);
        assert_eq!(codes(check_phrases(&s(&["", " "]))), vec!["required"]);
        assert_eq!(codes(check_phrases(&s(&["BUP", "bup"]))), vec!["duplicate"]);
        let long = "x".repeat(101);
        assert_eq!(codes(check_phrases(&s(&["BUP", &long]))), vec!["too_long"]);
        assert_eq!(codes(check_phrases(&s(&["BUP", "--"]))), vec!["invalid"]);
        let many: Vec<String> = (0..21).map(|n| format!("p{n}")).collect();
        assert_eq!(codes(check_phrases(&many)), vec!["too_many"]);
    }

    async fn reindex_jobs(svc: &Services) -> u64 {
        use sea_orm::{EntityTrait, PaginatorTrait};
        crate::entities::job::Entity::find()
            .filter(crate::entities::job::Column::Kind.eq("reindex_network"))
            .count(svc.db.conn())
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn coordinators_keep_synonyms_and_changes_reindex_once_while_waiting() {
        let env = TestEnv::new().await;
        let system = env.network("kbh", "Europe/Copenhagen").await;
        let (_, coordinator) = env
            .member(&system, "Kim Koordinator", None, Role::Coordinator)
            .await;
        let (_, member) = env.member(&system, "Mia Medlem", None, Role::Member).await;
        let svc = &env.svc;
        let phrases = vec![
            "PPR".to_string(),
            "pædagogisk psykologisk rådgivning".into(),
        ];

        assert!(matches!(
            create(svc, &member, phrases.clone()).await,
            Err(Error::Forbidden)
        ));
        assert!(matches!(list(svc, &member).await, Err(Error::Forbidden)));
        assert!(matches!(
            create(svc, &coordinator, vec!["PPR".into()]).await,
            Err(Error::Invalid(_))
        ));
        assert_eq!(reindex_jobs(svc).await, 0);
        let created = create(svc, &coordinator, phrases.clone()).await.unwrap();
        assert_eq!(created.phrases, phrases);
        assert_eq!(reindex_jobs(svc).await, 1);
        let updated = update(
            svc,
            &coordinator,
            created.id,
            vec!["PPR".into(), "PPT".into()],
        )
        .await
        .unwrap();
        assert_eq!(updated.phrases, vec!["PPR", "PPT"]);
        assert_eq!(list(svc, &coordinator).await.unwrap(), vec![updated]);
        assert_eq!(
            load(svc.db.conn(), &coordinator).await.unwrap().sets,
            vec![vec!["PPR".to_string(), "PPT".into()]]
        );

        let other = env.network("oslo", "Europe/Oslo").await;
        let (_, outsider) = env
            .member(&other, "Ola Koordinator", None, Role::Coordinator)
            .await;
        assert!(matches!(
            delete(svc, &outsider, created.id).await,
            Err(Error::NotFound)
        ));
        // The update found the reindex still waiting, so it added none.
        assert_eq!(reindex_jobs(svc).await, 1);
        // Once a worker has claimed it, the next change needs a reindex of its own.
        crate::jobs::claim(svc, "test-worker")
            .await
            .unwrap()
            .unwrap();
        delete(svc, &coordinator, created.id).await.unwrap();
        assert!(list(svc, &coordinator).await.unwrap().is_empty());
        assert_eq!(reindex_jobs(svc).await, 2);
    }
}
