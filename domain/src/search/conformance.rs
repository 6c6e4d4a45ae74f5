//! The checks every `SearchIndex` adapter must pass, over `&dyn SearchIndex`. Each check uses
//! tenants of its own, so the suite can run against a shared index (Meilisearch) as well as a
//! fresh one. Adapters call [`run`] from their tests.
//!
//! Documents and queries are analysed by [`super::analysis`] exactly as the use cases do, so
//! these checks pin down what an engine must do with the analysed terms: match every query term
//! exactly or within its typos (a transposition counting as one edit), keep tenants, visibility
//! and groups apart, count facets over every match, sort, and page.

use anyhow::{Context, ensure};
use chrono::{TimeZone, Utc};

use super::analysis::{self, Synonyms};
use super::{
    DocKind, FacetCount, FacetField, FacetValue, GroupAccess, IndexWrites, SearchDocument,
    SearchFilter, SearchIndex, SearchRequest, SearchSort,
};
use crate::ids::{GroupId, NetworkId};
use crate::tenancy::{Language, Visibility};

fn raw_doc(
    tenant: NetworkId,
    n: u32,
    language: Language,
    title: &str,
    body: &str,
) -> SearchDocument {
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
        organisation: None,
        sectors: vec![],
        status: None,
        year: None,
        path: format!("projects/{n}"),
        title_terms: vec![],
        terms: vec![],
        updated_at: Utc
            .with_ymd_and_hms(2024, 3, 1, 12, 0, n % 60)
            .single()
            .unwrap_or_default()
            + chrono::Duration::minutes(i64::from(n / 60)),
    }
}

/// A document as `write_documents` hands it to an engine: analysed (here without synonyms).
fn doc(tenant: NetworkId, n: u32, language: Language, title: &str, body: &str) -> SearchDocument {
    analysed(
        raw_doc(tenant, n, language, title, body),
        &Synonyms::default(),
    )
}

fn analysed(mut d: SearchDocument, synonyms: &Synonyms) -> SearchDocument {
    analysis::analyze_document(&mut d, synonyms);
    d
}

fn member(tenant: NetworkId) -> SearchFilter {
    SearchFilter {
        tenant_id: tenant,
        visibilities: vec![Visibility::Public, Visibility::Shared, Visibility::Network],
        groups: GroupAccess::Only(vec![]),
        other_networks_shared: false,
        kinds: vec![],
    }
}

fn request_in(text: &str, language: Language, filter: SearchFilter) -> SearchRequest {
    SearchRequest {
        terms: analysis::query_terms(text, language, &Synonyms::default()),
        filter,
        facet_filters: vec![],
        sort: SearchSort::Relevance,
        limit: 20,
        offset: 0,
    }
}

fn request(text: &str, filter: SearchFilter) -> SearchRequest {
    request_in(text, Language::Danish, filter)
}

async fn found(index: &dyn SearchIndex, request: &SearchRequest) -> anyhow::Result<Vec<String>> {
    let results = index.search(request).await?;
    Ok(results.hits.into_iter().map(|hit| hit.id).collect())
}

async fn ids(
    index: &dyn SearchIndex,
    text: &str,
    filter: SearchFilter,
) -> anyhow::Result<Vec<String>> {
    found(index, &request(text, filter)).await
}

async fn ids_in(
    index: &dyn SearchIndex,
    text: &str,
    language: Language,
    filter: SearchFilter,
) -> anyhow::Result<Vec<String>> {
    found(index, &request_in(text, language, filter)).await
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

fn ids_of(docs: &[&SearchDocument]) -> Vec<String> {
    sorted(docs.iter().map(|d| d.id.clone()).collect())
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
    applies_a_batch(index).await.context("applies_a_batch")?;
    lists_a_networks_ids(index)
        .await
        .context("lists_a_networks_ids")?;
    stems_each_language(index)
        .await
        .context("stems_each_language")?;
    tolerates_typos_by_word_length(index)
        .await
        .context("tolerates_typos_by_word_length")?;
    finds_compounds_by_their_parts(index)
        .await
        .context("finds_compounds_by_their_parts")?;
    finds_synonyms(index).await.context("finds_synonyms")?;
    counts_and_filters_facets(index)
        .await
        .context("counts_and_filters_facets")?;
    sorts_by_date(index).await.context("sorts_by_date")?;
    shares_across_networks(index)
        .await
        .context("shares_across_networks")?;
    highlights_matches(index)
        .await
        .context("highlights_matches")?;
    pages_and_counts(index).await.context("pages_and_counts")?;
    survives_hostile_queries(index)
        .await
        .context("survives_hostile_queries")?;
    pages_only_inside_the_window(index)
        .await
        .context("pages_only_inside_the_window")?;
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
    let nb = Language::Norwegian;
    let mut tagged = raw_doc(
        tenant,
        1,
        nb,
        "Søskengrupper i Bømlo",
        "Barn som pårørende møtes i grupper.",
    );
    tagged.tags = vec!["habilitering".into()];
    let tagged = analysed(tagged, &Synonyms::default());
    let other = doc(
        tenant,
        2,
        nb,
        "Fact ung Sunnhordland",
        "Tverrfaglig team rundt ungdom i Bømlo.",
    );
    index.upsert(vec![tagged.clone(), other.clone()]).await?;
    ensure!(
        ids_in(index, "Bømlo", nb, member(tenant)).await?
            == vec![tagged.id.clone(), other.id.clone()],
        "title word, and a title match ranks above a body match"
    );
    ensure!(
        ids_in(index, "tverrfaglig", nb, member(tenant)).await? == vec![other.id.clone()],
        "body word"
    );
    ensure!(
        ids_in(index, "habilitering", nb, member(tenant)).await? == vec![tagged.id.clone()],
        "tag"
    );
    ensure!(
        ids_in(index, "ukjentord", nb, member(tenant))
            .await?
            .is_empty(),
        "no match expected"
    );
    ensure!(
        ids_in(index, "Bømlo ukjentord", nb, member(tenant))
            .await?
            .is_empty(),
        "every term must match"
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
        ids_in(index, "lighthouses", Language::English, member(tenant)).await?
            == vec![d.id.clone()],
        "before replace"
    );
    d.body = "New wording about harbours".into();
    let d = analysed(d, &Synonyms::default());
    index.upsert(vec![d.clone()]).await?;
    ensure!(
        ids_in(index, "lighthouses", Language::English, member(tenant))
            .await?
            .is_empty(),
        "old text still found"
    );
    ensure!(
        ids_in(index, "harbours", Language::English, member(tenant)).await? == vec![d.id.clone()],
        "new text not found"
    );
    index
        .delete(vec![d.id.clone(), "project:unknown".into()])
        .await?;
    ensure!(
        ids_in(index, "harbours", Language::English, member(tenant))
            .await?
            .is_empty(),
        "deleted document found"
    );
    Ok(())
}

/// One `apply` replaces, adds and removes together, and the last write of an id wins.
async fn applies_a_batch(index: &dyn SearchIndex) -> anyhow::Result<()> {
    let tenant = NetworkId::new();
    let english = |n, title: &str, body: &str| doc(tenant, n, Language::English, title, body);
    let mut replaced = english(1, "Harbour", "Original wording about lighthouses");
    let removed = english(2, "Harbour", "Lighthouses along the coast");
    let kept = english(3, "Harbour", "Lighthouses and ferries");
    index
        .upsert(vec![replaced.clone(), removed.clone(), kept.clone()])
        .await?;
    replaced.body = "New wording about ferries".into();
    let replaced = analysed(replaced, &Synonyms::default());
    let added = english(4, "Harbour", "Ferries in winter");
    let revived = english(5, "Harbour", "Ferries at night");
    let dropped = english(6, "Harbour", "Ferries at dawn");

    let mut writes = IndexWrites::default();
    writes.upsert(vec![replaced.clone(), dropped.clone()]);
    writes.delete(vec![
        removed.id.clone(),
        revived.id.clone(),
        "project:unknown".into(),
    ]);
    let mut later = IndexWrites::default();
    later.upsert(vec![added.clone(), revived.clone()]);
    later.delete(vec![dropped.id.clone()]);
    writes.extend(later);
    index.apply(writes).await?;

    let found = sorted(ids_in(index, "ferries", Language::English, member(tenant)).await?);
    ensure!(
        found == ids_of(&[&replaced, &kept, &added, &revived]),
        "found {found:?}"
    );
    let found = ids_in(index, "lighthouses", Language::English, member(tenant)).await?;
    ensure!(
        found == vec![kept.id.clone()],
        "old or removed text found: {found:?}"
    );
    let listed = sorted(index.document_ids(tenant).await?);
    ensure!(
        listed == ids_of(&[&replaced, &kept, &added, &revived]),
        "listed {listed:?}"
    );
    index.apply(IndexWrites::default()).await?;
    Ok(())
}

/// `document_ids` lists every document of one network — whatever its visibility, group or
/// kind, and whether or not any text would find it — and nothing of another network.
async fn lists_a_networks_ids(index: &dyn SearchIndex) -> anyhow::Result<()> {
    let (a, b) = (NetworkId::new(), NetworkId::new());
    let mut docs = Vec::new();
    for (n, visibility) in [Visibility::Network, Visibility::Shared, Visibility::Public]
        .into_iter()
        .enumerate()
    {
        let mut d = doc(a, n as u32, Language::Danish, "Stjernekort", "");
        d.visibility = visibility;
        docs.push(d);
    }
    let mut grouped = doc(a, 7, Language::Norwegian, "Kart", "");
    grouped.kind = DocKind::File;
    grouped.group_ids = vec![GroupId::new()];
    docs.push(grouped);
    let other = doc(b, 8, Language::Danish, "Stjernekort", "");
    let mut all = docs.clone();
    all.push(other.clone());
    index.upsert(all).await?;
    let listed = sorted(index.document_ids(a).await?);
    ensure!(
        listed == ids_of(&docs.iter().collect::<Vec<_>>()),
        "listed {listed:?}"
    );
    ensure!(
        index.document_ids(b).await? == vec![other.id.clone()],
        "the other network's list"
    );
    index.delete(vec![docs[0].id.clone()]).await?;
    let listed = sorted(index.document_ids(a).await?);
    ensure!(
        listed == ids_of(&docs.iter().skip(1).collect::<Vec<_>>()),
        "a deleted document is still listed: {listed:?}"
    );
    ensure!(
        index.document_ids(NetworkId::new()).await?.is_empty(),
        "an unknown network lists documents"
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
        "Kommunernes indsatser",
    );
    let norwegian = doc(
        tenant,
        2,
        Language::Norwegian,
        "Prosjektene i regionen",
        "Samhandling på tvers",
    );
    let swedish = doc(
        tenant,
        3,
        Language::Swedish,
        "Skolorna i länet",
        "Elevhälsan samverkar med socialtjänsten",
    );
    let english = doc(
        tenant,
        4,
        Language::English,
        "Monthly meetings",
        "Case discussions with municipal teams",
    );
    index
        .upsert(vec![
            danish.clone(),
            norwegian.clone(),
            swedish.clone(),
            english.clone(),
        ])
        .await?;
    for (text, language, expected) in [
        ("samarbejde", Language::Danish, &danish),
        ("kommune", Language::Danish, &danish),
        ("prosjekt", Language::Norwegian, &norwegian),
        ("skola", Language::Swedish, &swedish),
        ("samverka", Language::Swedish, &swedish),
        ("meeting", Language::English, &english),
    ] {
        ensure!(
            ids_in(index, text, language, member(tenant)).await? == vec![expected.id.clone()],
            "{language} stem of {text}"
        );
    }
    Ok(())
}

/// One edit for words of 5–8 letters, two from 9, none below 5; a transposition is one edit.
async fn tolerates_typos_by_word_length(index: &dyn SearchIndex) -> anyhow::Result<()> {
    let tenant = NetworkId::new();
    let d = doc(
        tenant,
        1,
        Language::Danish,
        "Habilitering i kommunen",
        "Familie og skov",
    );
    index.upsert(vec![d.clone()]).await?;
    let only = vec![d.id.clone()];
    for (text, why) in [
        ("komnunen", "one typo in a word of 8 letters"),
        ("kommnue", "a transposition in a word of 7 letters"),
        ("hapiliterring", "two typos in a word of 13 letters"),
        ("habilitering kommune", "exact words"),
    ] {
        ensure!(
            ids(index, text, member(tenant)).await? == only,
            "{why}: {text}"
        );
    }
    for (text, why) in [
        ("skow", "one typo in a word of 4 letters"),
        ("famelia", "two typos in a word of 7 letters"),
        ("hxbxlxtering", "three typos in a word of 12 letters"),
    ] {
        ensure!(
            ids(index, text, member(tenant)).await?.is_empty(),
            "{why} must not match: {text}"
        );
    }
    Ok(())
}

/// "børneungdomspsykiatri" finds "børne- og ungdomspsykiatri" and the other way round.
async fn finds_compounds_by_their_parts(index: &dyn SearchIndex) -> anyhow::Result<()> {
    let tenant = NetworkId::new();
    let elided = doc(
        tenant,
        1,
        Language::Danish,
        "Henvisninger",
        "Samarbejde med Børne- og Ungdomspsykiatrien i Aalborg",
    );
    let joined = doc(
        tenant,
        2,
        Language::Danish,
        "Børneungdomspsykiatri i Aarhus",
        "Ny afdeling",
    );
    let other = doc(
        tenant,
        3,
        Language::Danish,
        "Voksenpsykiatrien",
        "Ungdomsuddannelse for alle",
    );
    let norwegian = doc(
        tenant,
        4,
        Language::Norwegian,
        "Barneverntjenesten i Bergen",
        "Oppfølging",
    );
    index
        .upsert(vec![
            elided.clone(),
            joined.clone(),
            other.clone(),
            norwegian.clone(),
        ])
        .await?;
    let both = ids_of(&[&elided, &joined]);
    ensure!(
        sorted(ids(index, "børneungdomspsykiatri", member(tenant)).await?) == both,
        "the compound finds the coordination"
    );
    ensure!(
        sorted(ids(index, "børne- og ungdomspsykiatri", member(tenant)).await?) == both,
        "the coordination finds the compound"
    );
    ensure!(
        sorted(ids(index, "ungdomspsykiatri", member(tenant)).await?) == both,
        "a part of a compound"
    );
    ensure!(
        ids_in(index, "barnevern", Language::Norwegian, member(tenant)).await?
            == vec![norwegian.id.clone()],
        "a Norwegian compound by its first part"
    );
    Ok(())
}

/// Synonyms are expanded into documents when they are analysed; queries find either phrase.
async fn finds_synonyms(index: &dyn SearchIndex) -> anyhow::Result<()> {
    let tenant = NetworkId::new();
    let synonyms = Synonyms {
        sets: vec![
            vec!["BUP".into(), "børne- og ungdomspsykiatri".into()],
            vec!["PPR".into(), "pædagogisk psykologisk rådgivning".into()],
        ],
    };
    let short = analysed(
        raw_doc(
            tenant,
            1,
            Language::Danish,
            "Henvisning til BUP",
            "Ventetid",
        ),
        &synonyms,
    );
    let long = analysed(
        raw_doc(
            tenant,
            2,
            Language::Danish,
            "Ventetider",
            "Børne- og ungdomspsykiatrien i regionen",
        ),
        &synonyms,
    );
    let ppr = analysed(
        raw_doc(tenant, 3, Language::Danish, "PPR", "Skolens samarbejde"),
        &synonyms,
    );
    index
        .upsert(vec![short.clone(), long.clone(), ppr.clone()])
        .await?;
    let both = ids_of(&[&short, &long]);
    let query = |text: &str| SearchRequest {
        terms: analysis::query_terms(text, Language::Danish, &synonyms),
        ..request("", member(tenant))
    };
    ensure!(
        sorted(found(index, &query("BUP")).await?) == both,
        "the abbreviation finds the long form"
    );
    ensure!(
        sorted(found(index, &query("børne- og ungdomspsykiatri")).await?) == both,
        "the long form finds the abbreviation"
    );
    ensure!(
        found(index, &query("pædagogisk psykologisk rådgivning")).await? == vec![ppr.id.clone()],
        "another set"
    );
    Ok(())
}

fn facet(field: FacetField, value: &str, count: usize) -> FacetCount {
    FacetCount {
        field,
        value: value.into(),
        count,
    }
}

fn sorted_facets(mut facets: Vec<FacetCount>) -> Vec<FacetCount> {
    facets.sort_by(|a, b| (a.field.as_str(), &a.value).cmp(&(b.field.as_str(), &b.value)));
    facets
}

async fn counts_and_filters_facets(index: &dyn SearchIndex) -> anyhow::Result<()> {
    let tenant = NetworkId::new();
    let with = |n: u32,
                kind: DocKind,
                organisation: Option<&str>,
                sectors: &[&str],
                tags: &[&str],
                status: Option<&str>,
                year: i32,
                body: &str| {
        let mut d = raw_doc(tenant, n, Language::Danish, &format!("Indsats {n}"), body);
        d.kind = kind;
        d.organisation = organisation.map(str::to_owned);
        d.sectors = sectors.iter().map(|s| s.to_string()).collect();
        d.tags = tags.iter().map(|s| s.to_string()).collect();
        d.status = status.map(str::to_owned);
        d.year = Some(year);
        analysed(d, &Synonyms::default())
    };
    let first = with(
        1,
        DocKind::Project,
        Some("Aalborg Kommune"),
        &["municipality", "health"],
        &["angst", "skole"],
        Some("running"),
        2024,
        "Trivsel i udskolingen",
    );
    let second = with(
        2,
        DocKind::Project,
        Some("Aalborg Kommune"),
        &["municipality"],
        &["skole"],
        Some("completed"),
        2023,
        "Trivsel og fravær",
    );
    let thread = with(
        3,
        DocKind::Thread,
        None,
        &[],
        &["skole"],
        None,
        2024,
        "Trivsel på skemaet",
    );
    let unrelated = with(
        4,
        DocKind::Project,
        Some("Region Nordjylland"),
        &["health"],
        &["skole"],
        Some("running"),
        2024,
        "Ventetider",
    );
    index
        .upsert(vec![
            first.clone(),
            second.clone(),
            thread.clone(),
            unrelated,
        ])
        .await?;

    let results = index.search(&request("trivsel", member(tenant))).await?;
    ensure!(results.total == 3, "total {}", results.total);
    let expected = sorted_facets(vec![
        facet(FacetField::Kind, "project", 2),
        facet(FacetField::Kind, "thread", 1),
        facet(FacetField::Organisation, "Aalborg Kommune", 2),
        facet(FacetField::Sector, "municipality", 2),
        facet(FacetField::Sector, "health", 1),
        facet(FacetField::Tag, "skole", 3),
        facet(FacetField::Tag, "angst", 1),
        facet(FacetField::Status, "running", 1),
        facet(FacetField::Status, "completed", 1),
        facet(FacetField::Year, "2024", 2),
        facet(FacetField::Year, "2023", 1),
    ]);
    let counted = sorted_facets(results.facets.clone());
    ensure!(counted == expected, "facets {counted:?}");

    // Counts are over every match, not only the page.
    let mut one = request("trivsel", member(tenant));
    one.limit = 1;
    let paged = index.search(&one).await?;
    ensure!(
        sorted_facets(paged.facets) == expected,
        "facets counted over the page only"
    );

    let mut chosen = request("trivsel", member(tenant));
    chosen.facet_filters = vec![
        FacetValue {
            field: FacetField::Kind,
            value: "project".into(),
        },
        FacetValue {
            field: FacetField::Year,
            value: "2024".into(),
        },
    ];
    ensure!(
        found(index, &chosen).await? == vec![first.id.clone()],
        "facet filters all hold"
    );
    chosen.facet_filters = vec![FacetValue {
        field: FacetField::Organisation,
        value: "Aalborg Kommune".into(),
    }];
    let filtered = index.search(&chosen).await?;
    ensure!(
        sorted(filtered.hits.iter().map(|h| h.id.clone()).collect()) == ids_of(&[&first, &second]),
        "organisation facet"
    );
    ensure!(
        filtered
            .facets
            .contains(&facet(FacetField::Organisation, "Aalborg Kommune", 2))
            && !filtered
                .facets
                .iter()
                .any(|f| f.field == FacetField::Kind && f.value == "thread"),
        "facets follow the filters: {:?}",
        filtered.facets
    );
    chosen.facet_filters = vec![FacetValue {
        field: FacetField::Tag,
        value: "ukendt".into(),
    }];
    ensure!(
        index.search(&chosen).await?.total == 0,
        "an unknown facet value matches nothing"
    );
    Ok(())
}

async fn sorts_by_date(index: &dyn SearchIndex) -> anyhow::Result<()> {
    let tenant = NetworkId::new();
    let mut docs = Vec::new();
    for (n, title) in [
        (5, "Netværksmøde om trivsel trivsel trivsel"),
        (1, "Netværksmøde"),
        (9, "Netværksmøde i marts"),
    ] {
        docs.push(doc(tenant, n, Language::Danish, title, "Referat"));
    }
    index.upsert(docs.clone()).await?;
    let mut newest = request("netværksmøde", member(tenant));
    newest.sort = SearchSort::Newest;
    let results = index.search(&newest).await?;
    let order: Vec<String> = results.hits.iter().map(|h| h.id.clone()).collect();
    ensure!(
        order == vec![docs[2].id.clone(), docs[0].id.clone(), docs[1].id.clone()],
        "newest first"
    );
    ensure!(
        results
            .hits
            .windows(2)
            .all(|w| w[0].updated_at >= w[1].updated_at),
        "dates descending"
    );
    newest.offset = 1;
    newest.limit = 1;
    ensure!(
        found(index, &newest).await? == vec![docs[0].id.clone()],
        "a later page of a date sort"
    );
    Ok(())
}

/// The project library: other networks' shared and public documents limited to no group.
async fn shares_across_networks(index: &dyn SearchIndex) -> anyhow::Result<()> {
    let (own, other) = (NetworkId::new(), NetworkId::new());
    let with =
        |tenant: NetworkId, n: u32, kind: DocKind, visibility: Visibility, groups: Vec<GroupId>| {
            let mut d = raw_doc(
                tenant,
                n,
                Language::Danish,
                "Skolevægring",
                "Fælles indsats",
            );
            d.kind = kind;
            d.visibility = visibility;
            d.group_ids = groups;
            analysed(d, &Synonyms::default())
        };
    let mine = with(own, 1, DocKind::Project, Visibility::Network, vec![]);
    let my_thread = with(own, 2, DocKind::Thread, Visibility::Network, vec![]);
    let shared = with(other, 3, DocKind::Project, Visibility::Shared, vec![]);
    let public_update = with(other, 4, DocKind::ProjectUpdate, Visibility::Public, vec![]);
    let network_only = with(other, 5, DocKind::Project, Visibility::Network, vec![]);
    let in_group = with(
        other,
        6,
        DocKind::Project,
        Visibility::Shared,
        vec![GroupId::new()],
    );
    let public_meeting = with(other, 7, DocKind::Meeting, Visibility::Public, vec![]);
    index
        .upsert(vec![
            mine.clone(),
            my_thread.clone(),
            shared.clone(),
            public_update.clone(),
            network_only,
            in_group,
            public_meeting.clone(),
        ])
        .await?;

    ensure!(
        sorted(ids(index, "skolevægring", member(own)).await?) == ids_of(&[&mine, &my_thread]),
        "without the library only the own network"
    );
    let mut library = member(own);
    library.other_networks_shared = true;
    let mut everything = library.clone();
    everything.groups = GroupAccess::All;
    ensure!(
        sorted(ids(index, "skolevægring", everything).await?)
            == ids_of(&[&mine, &my_thread, &shared, &public_update, &public_meeting]),
        "shared and public of other networks, never their network-only or group-limited ones"
    );
    library.kinds = vec![DocKind::Project, DocKind::ProjectUpdate, DocKind::File];
    let results = index.search(&request("skolevægring", library)).await?;
    let hits: Vec<String> = results.hits.iter().map(|h| h.id.clone()).collect();
    ensure!(
        sorted(hits) == ids_of(&[&mine, &shared, &public_update]),
        "the library's kinds"
    );
    ensure!(results.total == 3, "library total {}", results.total);
    ensure!(
        results
            .hits
            .iter()
            .find(|h| h.id == shared.id)
            .is_some_and(|h| h.tenant_id == other),
        "a hit names its own network"
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
    let snippet = super::analysis::snippet(
        &hit.body,
        &super::analysis::query_terms("kommuner", Language::Danish, &Default::default()),
        Language::Danish,
    );
    ensure!(
        !snippet.highlights.is_empty(),
        "no highlight in {:?}",
        snippet
    );
    let marked: Vec<&str> = snippet
        .highlights
        .iter()
        .filter_map(|range| snippet.text.get(range.clone()))
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

/// Offsets and limits far beyond [`super::MAX_RESULT_WINDOW`] answer an empty page at once
/// (no allocation sized by them, no error), and a page reaching past the window is cut at it.
async fn pages_only_inside_the_window(index: &dyn SearchIndex) -> anyhow::Result<()> {
    let tenant = NetworkId::new();
    index
        .upsert(vec![doc(
            tenant,
            1,
            Language::Danish,
            "Netværksmøde",
            "Skolevægring og fravær",
        )])
        .await?;
    let mut req = request("skolevægring", member(tenant));
    for (offset, limit) in [
        (1_000_000_000_000_000, 20),
        (usize::MAX, usize::MAX),
        (super::MAX_RESULT_WINDOW, 1),
    ] {
        req.offset = offset;
        req.limit = limit;
        let page = index.search(&req).await?;
        ensure!(
            page.hits.is_empty(),
            "offset {offset}: {} hits",
            page.hits.len()
        );
    }
    req.offset = 0;
    req.limit = usize::MAX;
    let page = index.search(&req).await?;
    ensure!(
        page.hits.len() == 1,
        "a huge limit: {} hits",
        page.hits.len()
    );
    Ok(())
}
