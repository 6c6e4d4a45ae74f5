//! The checks every `SearchIndex` adapter must pass, over `&dyn SearchIndex`. Each check uses
//! tenants of its own, so the suite can run against a shared index (Meilisearch) as well as a
//! fresh one. Adapters call [`run`] from their tests.

use anyhow::{Context, ensure};
use chrono::{TimeZone, Utc};

use super::{DocKind, GroupAccess, SearchDocument, SearchFilter, SearchIndex, SearchRequest};
use crate::ids::{GroupId, NetworkId};
use crate::tenancy::{Language, Visibility};

fn doc(tenant: NetworkId, n: u32, language: Language, title: &str, body: &str) -> SearchDocument {
    SearchDocument {
        id: format!("project:{}", uuid::Uuid::now_v7()),
        kind: DocKind::Project,
        tenant_id: tenant,
        visibility: Visibility::Network,
        group_ids: vec![],
        language,
        title: title.into(),
        body: body.into(),
        tags: vec![],
        updated_at: Utc
            .with_ymd_and_hms(2024, 3, 1, 12, 0, n)
            .single()
            .unwrap_or_default(),
    }
}

fn member(tenant: NetworkId) -> SearchFilter {
    SearchFilter {
        tenant_id: tenant,
        visibilities: vec![Visibility::Public, Visibility::Shared, Visibility::Network],
        groups: GroupAccess::Only(vec![]),
    }
}

fn request(text: &str, filter: SearchFilter) -> SearchRequest {
    SearchRequest {
        text: text.into(),
        filter,
        limit: 20,
        offset: 0,
    }
}

async fn ids(
    index: &dyn SearchIndex,
    text: &str,
    filter: SearchFilter,
) -> anyhow::Result<Vec<String>> {
    let results = index.search(&request(text, filter)).await?;
    Ok(results.hits.into_iter().map(|hit| hit.id).collect())
}

/// Runs every check; the first failure is returned with the check's name.
pub async fn run(index: &dyn SearchIndex) -> anyhow::Result<()> {
    index.health().await.context("health")?;
    finds_by_title_body_and_tag(index)
        .await
        .context("finds_by_title_body_and_tag")?;
    keeps_tenants_apart(index)
        .await
        .context("keeps_tenants_apart")?;
    respects_visibility(index)
        .await
        .context("respects_visibility")?;
    respects_groups(index).await.context("respects_groups")?;
    replaces_and_deletes(index)
        .await
        .context("replaces_and_deletes")?;
    stems_each_language(index)
        .await
        .context("stems_each_language")?;
    highlights_matches(index)
        .await
        .context("highlights_matches")?;
    pages_and_counts(index).await.context("pages_and_counts")?;
    survives_hostile_queries(index)
        .await
        .context("survives_hostile_queries")?;
    Ok(())
}

/// `clear` removes everything; run it only against an index of the test's own.
pub async fn run_clear(index: &dyn SearchIndex) -> anyhow::Result<()> {
    let tenant = NetworkId::new();
    index
        .upsert(vec![doc(
            tenant,
            1,
            Language::Danish,
            "Trygge foreldre",
            "Gruppetilbud",
        )])
        .await?;
    index.clear().await?;
    ensure!(
        ids(index, "foreldre", member(tenant)).await?.is_empty(),
        "clear left documents"
    );
    Ok(())
}

async fn finds_by_title_body_and_tag(index: &dyn SearchIndex) -> anyhow::Result<()> {
    let tenant = NetworkId::new();
    let mut tagged = doc(
        tenant,
        1,
        Language::Norwegian,
        "Søskengrupper i Bømlo",
        "Barn som pårørende møtes i grupper.",
    );
    tagged.tags = vec!["habilitering".into()];
    let other = doc(
        tenant,
        2,
        Language::Norwegian,
        "Fact ung Sunnhordland",
        "Tverrfaglig team rundt ungdom.",
    );
    index.upsert(vec![tagged.clone(), other.clone()]).await?;
    ensure!(
        ids(index, "Bømlo", member(tenant)).await? == vec![tagged.id.clone()],
        "title word"
    );
    ensure!(
        ids(index, "tverrfaglig", member(tenant)).await? == vec![other.id.clone()],
        "body word"
    );
    ensure!(
        ids(index, "habilitering", member(tenant)).await? == vec![tagged.id.clone()],
        "tag"
    );
    ensure!(
        ids(index, "ukjentord", member(tenant)).await?.is_empty(),
        "no match expected"
    );
    Ok(())
}

async fn keeps_tenants_apart(index: &dyn SearchIndex) -> anyhow::Result<()> {
    let (a, b) = (NetworkId::new(), NetworkId::new());
    let in_a = doc(
        a,
        1,
        Language::Danish,
        "Bakkehuset",
        "Fremskudt regional funktion",
    );
    let mut in_b = doc(
        b,
        2,
        Language::Danish,
        "Bakkehuset",
        "Fremskudt regional funktion",
    );
    in_b.visibility = Visibility::Public;
    index.upsert(vec![in_a.clone(), in_b.clone()]).await?;
    ensure!(
        ids(index, "Bakkehuset", member(a)).await? == vec![in_a.id.clone()],
        "A sees only A"
    );
    ensure!(
        ids(index, "Bakkehuset", member(b)).await? == vec![in_b.id.clone()],
        "B sees only B"
    );
    Ok(())
}

async fn respects_visibility(index: &dyn SearchIndex) -> anyhow::Result<()> {
    let tenant = NetworkId::new();
    let mut public = doc(
        tenant,
        1,
        Language::Danish,
        "Informationsmøde om matchning",
        "Åbent for alle",
    );
    public.visibility = Visibility::Public;
    let mut shared = doc(
        tenant,
        2,
        Language::Danish,
        "Matchning af barn og anbringelsessted",
        "Delt",
    );
    shared.visibility = Visibility::Shared;
    let network = doc(
        tenant,
        3,
        Language::Danish,
        "Matchning i netværket",
        "Internt",
    );
    index
        .upsert(vec![public.clone(), shared.clone(), network.clone()])
        .await?;

    let mut found = ids(index, "matchning", member(tenant)).await?;
    found.sort();
    let mut all = vec![public.id.clone(), shared.id.clone(), network.id.clone()];
    all.sort();
    ensure!(found == all, "a member sees every level");

    let mut visitor = member(tenant);
    visitor.visibilities = vec![Visibility::Public];
    ensure!(
        ids(index, "matchning", visitor).await? == vec![public.id.clone()],
        "a visitor sees public only"
    );

    let mut guest = member(tenant);
    guest.visibilities = vec![Visibility::Public, Visibility::Shared];
    let mut found = ids(index, "matchning", guest).await?;
    found.sort();
    let mut expected = vec![public.id, shared.id];
    expected.sort();
    ensure!(
        found == expected,
        "a member of another network sees shared and public"
    );
    Ok(())
}

async fn respects_groups(index: &dyn SearchIndex) -> anyhow::Result<()> {
    let tenant = NetworkId::new();
    let (group, other_group) = (GroupId::new(), GroupId::new());
    let mut limited = doc(
        tenant,
        1,
        Language::Danish,
        "Arbejdsgruppe om skolefravær",
        "Kun for gruppen",
    );
    limited.group_ids = vec![group];
    let open = doc(
        tenant,
        2,
        Language::Danish,
        "Skolefravær i kommunerne",
        "For hele netværket",
    );
    index.upsert(vec![limited.clone(), open.clone()]).await?;

    ensure!(
        ids(index, "skolefravær", member(tenant)).await? == vec![open.id.clone()],
        "outsider of the group"
    );
    let mut in_group = member(tenant);
    in_group.groups = GroupAccess::Only(vec![other_group, group]);
    ensure!(
        ids(index, "skolefravær", in_group).await?.len() == 2,
        "group member sees both"
    );
    let mut coordinator = member(tenant);
    coordinator.groups = GroupAccess::All;
    ensure!(
        ids(index, "skolefravær", coordinator).await?.len() == 2,
        "coordinator sees both"
    );
    Ok(())
}

async fn replaces_and_deletes(index: &dyn SearchIndex) -> anyhow::Result<()> {
    let tenant = NetworkId::new();
    let mut d = doc(
        tenant,
        1,
        Language::English,
        "Sibling groups",
        "Original wording about lighthouses",
    );
    index.upsert(vec![d.clone()]).await?;
    ensure!(
        ids(index, "lighthouses", member(tenant)).await? == vec![d.id.clone()],
        "before replace"
    );
    d.body = "New wording about harbours".into();
    index.upsert(vec![d.clone()]).await?;
    ensure!(
        ids(index, "lighthouses", member(tenant)).await?.is_empty(),
        "old text still found"
    );
    ensure!(
        ids(index, "harbours", member(tenant)).await? == vec![d.id.clone()],
        "new text not found"
    );
    index
        .delete(vec![d.id.clone(), "project:unknown".into()])
        .await?;
    ensure!(
        ids(index, "harbours", member(tenant)).await?.is_empty(),
        "deleted document found"
    );
    Ok(())
}

async fn stems_each_language(index: &dyn SearchIndex) -> anyhow::Result<()> {
    let tenant = NetworkId::new();
    let danish = doc(
        tenant,
        1,
        Language::Danish,
        "Samarbejdet mellem sektorerne",
        "Børne- og ungdomspsykiatrien",
    );
    let norwegian = doc(
        tenant,
        2,
        Language::Norwegian,
        "Prosjektene i regionen",
        "Samhandling på tvers",
    );
    let english = doc(
        tenant,
        3,
        Language::English,
        "Monthly meetings",
        "Case discussions with municipal teams",
    );
    index
        .upsert(vec![danish.clone(), norwegian.clone(), english.clone()])
        .await?;
    ensure!(
        ids(index, "samarbejde", member(tenant)).await? == vec![danish.id.clone()],
        "Danish stem"
    );
    ensure!(
        ids(index, "prosjekt", member(tenant)).await? == vec![norwegian.id.clone()],
        "Norwegian stem"
    );
    ensure!(
        ids(index, "meeting", member(tenant)).await? == vec![english.id.clone()],
        "English stem"
    );
    Ok(())
}

async fn highlights_matches(index: &dyn SearchIndex) -> anyhow::Result<()> {
    let tenant = NetworkId::new();
    let d = doc(
        tenant,
        1,
        Language::Danish,
        "Bakkehuset",
        "Socialrådgivere fra tre kommuner arbejder under samme tag som Børne- og Ungdomspsykiatrien.",
    );
    index.upsert(vec![d]).await?;
    let results = index.search(&request("kommuner", member(tenant))).await?;
    let hit = results.hits.first().context("no hit")?;
    ensure!(
        !hit.snippet.highlights.is_empty(),
        "no highlight in {:?}",
        hit.snippet
    );
    let marked: Vec<&str> = hit
        .snippet
        .highlights
        .iter()
        .filter_map(|range| hit.snippet.text.get(range.clone()))
        .collect();
    ensure!(
        marked
            .iter()
            .any(|word| word.eq_ignore_ascii_case("kommuner")),
        "marked {marked:?}"
    );
    ensure!(hit.title == "Bakkehuset", "title {}", hit.title);
    Ok(())
}

async fn pages_and_counts(index: &dyn SearchIndex) -> anyhow::Result<()> {
    let tenant = NetworkId::new();
    let docs: Vec<SearchDocument> = (0..7)
        .map(|n| {
            doc(
                tenant,
                n,
                Language::Danish,
                &format!("Temamøde {n}"),
                "Inddragelse af børn i egen sag",
            )
        })
        .collect();
    index.upsert(docs).await?;
    let mut req = request("inddragelse", member(tenant));
    req.limit = 3;
    let first = index.search(&req).await?;
    ensure!(first.total == 7, "total {}", first.total);
    ensure!(first.hits.len() == 3, "page size {}", first.hits.len());
    req.offset = 6;
    let last = index.search(&req).await?;
    ensure!(last.hits.len() == 1, "last page {}", last.hits.len());
    Ok(())
}

async fn survives_hostile_queries(index: &dyn SearchIndex) -> anyhow::Result<()> {
    let tenant = NetworkId::new();
    index
        .upsert(vec![doc(
            tenant,
            1,
            Language::Danish,
            "PAM og BUP",
            "Psykiatrisk akutmodtagelse",
        )])
        .await?;
    for text in [
        "\"",
        "tenant_id:x",
        "(((",
        "a AND",
        "*",
        "PAM -",
        "[1 TO",
        "",
        "   ",
        "ø:å",
    ] {
        index
            .search(&request(text, member(tenant)))
            .await
            .with_context(|| format!("query {text:?}"))?;
    }
    ensure!(
        !ids(index, "PAM:", member(tenant)).await?.is_empty(),
        "punctuation should not hide a word"
    );
    Ok(())
}
