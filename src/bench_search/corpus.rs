//! The benchmark's corpus and queries, generated from a seed: document `i` is the same in every
//! run with the same seed and network count, so each engine is loaded with the same text without
//! holding a million documents in memory.

use chrono::{DateTime, Duration, TimeZone, Utc};
use domain::ids::{GroupId, NetworkId};
use domain::search::{DocKind, SearchDocument};
use domain::tenancy::{Language, Visibility};
use uuid::Uuid;

use super::vocabulary as v;

/// xorshift64*, seeded through splitmix64: small, fast and good enough to pick words.
pub struct Rng(u64);

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(splitmix(seed) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    /// 0..n, the front far more often than the back (a rough Zipf).
    pub fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * u * n as f64) as usize).min(n.saturating_sub(1))
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn uuid(&mut self) -> Uuid {
        Uuid::from_u64_pair(self.next(), self.next())
    }
}

/// One language's word stock, expanded.
pub struct Words {
    /// Every inflected form of the field's nouns.
    pub field: Vec<String>,
    pub compounds: Vec<String>,
    pub common: &'static [&'static str],
    pub places: &'static [&'static str],
    pub phrases: &'static [&'static str],
}

impl Words {
    fn new(language: Language) -> Self {
        let (nouns, parts, heads, common, places, phrases, inflect): (
            _,
            _,
            _,
            _,
            _,
            _,
            fn(&str) -> [String; 4],
        ) = match language {
            Language::Norwegian => (
                v::FIELD_NB,
                v::PARTS_NB,
                v::HEADS_NB,
                v::COMMON_NB,
                v::PLACES_NB,
                v::PHRASES_NB,
                v::inflect_nb,
            ),
            _ => (
                v::FIELD_DA,
                v::PARTS_DA,
                v::HEADS_DA,
                v::COMMON_DA,
                v::PLACES_DA,
                v::PHRASES_DA,
                v::inflect_da,
            ),
        };
        let field = nouns.iter().flat_map(|w| inflect(w)).collect();
        let mut compounds = Vec::new();
        for part in parts {
            for head in heads {
                if !part.starts_with(head) && !head.starts_with(part.trim_end_matches('s')) {
                    let [base, definite, ..] = inflect(&format!("{part}{head}"));
                    compounds.push(base);
                    compounds.push(definite);
                }
            }
        }
        Self {
            field,
            compounds,
            common,
            places,
            phrases,
        }
    }

    /// How many distinct word forms this stock holds.
    pub fn size(&self) -> usize {
        self.field.len() + self.compounds.len() + self.common.len() + self.places.len()
    }

    fn word(&self, rng: &mut Rng) -> String {
        match rng.below(100) {
            0..55 => self.common[rng.skewed(self.common.len())].to_string(),
            55..80 => self.field[rng.skewed(self.field.len())].clone(),
            80..88 => self.compounds[rng.skewed(self.compounds.len())].clone(),
            88..94 => rng.pick(self.places).to_string(),
            _ => rng.pick(self.phrases).to_string(),
        }
    }

    fn sentence(&self, rng: &mut Rng) -> String {
        let n = rng.between(6, 16);
        let mut s = String::new();
        for k in 0..n {
            let w = self.word(rng);
            if k == 0 {
                let mut chars = w.chars();
                if let Some(first) = chars.next() {
                    s.extend(first.to_uppercase());
                    s.push_str(chars.as_str());
                }
            } else {
                s.push(' ');
                s.push_str(&w);
            }
        }
        s.push('.');
        s
    }

    fn title(&self, rng: &mut Rng) -> String {
        let n = rng.between(2, 6);
        let mut words: Vec<String> = Vec::with_capacity(n);
        for _ in 0..n {
            words.push(match rng.below(10) {
                0..5 => self.field[rng.skewed(self.field.len())].clone(),
                5..7 => self.compounds[rng.skewed(self.compounds.len())].clone(),
                7 => rng.pick(self.places).to_string(),
                _ => self.common[rng.skewed(self.common.len())].to_string(),
            });
        }
        let title = words.join(" ");
        let mut chars = title.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => title,
        }
    }
}

pub struct Network {
    pub id: NetworkId,
    pub language: Language,
    pub groups: Vec<GroupId>,
}

pub struct Corpus {
    seed: u64,
    pub networks: Vec<Network>,
    danish: Words,
    norwegian: Words,
    epoch: DateTime<Utc>,
}

/// One query as a member types it in their network.
pub struct BenchQuery {
    pub kind: &'static str,
    pub text: String,
    pub network: usize,
    /// The working group the member belongs to.
    pub group: GroupId,
}

const GROUPS_PER_NETWORK: usize = 6;

impl Corpus {
    pub fn new(seed: u64, networks: usize) -> Self {
        let mut rng = Rng::new(seed ^ 0x6e65_7477_6f72_6b73);
        let networks = (0..networks.max(1))
            .map(|i| Network {
                id: NetworkId(rng.uuid()),
                // Every other network writes Norwegian.
                language: if i % 2 == 0 {
                    Language::Danish
                } else {
                    Language::Norwegian
                },
                groups: (0..GROUPS_PER_NETWORK)
                    .map(|_| GroupId(rng.uuid()))
                    .collect(),
            })
            .collect();
        Self {
            seed,
            networks,
            danish: Words::new(Language::Danish),
            norwegian: Words::new(Language::Norwegian),
            epoch: Utc
                .with_ymd_and_hms(2024, 1, 1, 0, 0, 0)
                .single()
                .unwrap_or_else(Utc::now),
        }
    }

    pub fn words(&self, language: Language) -> &Words {
        match language {
            Language::Norwegian => &self.norwegian,
            _ => &self.danish,
        }
    }

    /// Document `i`, without analysed terms.
    pub fn document(&self, i: usize) -> SearchDocument {
        let mut rng = Rng::new(self.seed ^ splitmix(i as u64));
        // A few large networks and many small ones.
        let network = &self.networks[rng.skewed(self.networks.len())];
        let words = self.words(network.language);
        let (kind, sentences) = match rng.below(100) {
            0..10 => (DocKind::Project, (6, 20)),
            10..25 => (DocKind::ProjectUpdate, (3, 10)),
            25..40 => (DocKind::Thread, (2, 6)),
            40..85 => (DocKind::Post, (1, 8)),
            85..90 => (DocKind::Meeting, (3, 8)),
            _ => (DocKind::File, (15, 60)),
        };
        let visibility = match rng.below(100) {
            0..70 => Visibility::Network,
            70..90 => Visibility::Shared,
            _ => Visibility::Public,
        };
        let group_ids = if rng.percent(20) {
            vec![*rng.pick(&network.groups)]
        } else {
            vec![]
        };
        let title = words.title(&mut rng);
        let n = rng.between(sentences.0, sentences.1);
        let body = (0..n)
            .map(|_| words.sentence(&mut rng))
            .collect::<Vec<_>>()
            .join(" ");
        let tags = (0..rng.below(4))
            .map(|_| words.field[rng.skewed(words.field.len())].clone())
            .collect();
        let id = rng.uuid();
        let year = 2019 + rng.below(8) as i32;
        SearchDocument {
            id: format!("{}:{id}", kind.as_str()),
            kind,
            tenant_id: network.id,
            visibility,
            group_ids,
            language: network.language,
            title,
            body,
            tags,
            organisation: Some(format!("{} Kommune", rng.pick(words.places))),
            sectors: vec![rng.pick(v::SECTORS).to_string()],
            status: matches!(kind, DocKind::Project).then(|| "running".to_string()),
            year: Some(year),
            path: format!("{}/{id}", path_root(kind)),
            updated_at: self.epoch + Duration::seconds(i as i64),
            title_terms: vec![],
            terms: vec![],
        }
    }

    /// The `k`-th lag probe: a post in network `k % networks` carrying a word no other document
    /// has, far (more than two edits) from every other probe's word.
    pub fn probe(&self, k: usize) -> (SearchDocument, String, usize) {
        let network = k % self.networks.len();
        const LETTERS: &[u8] = b"bcdfghjklmpqvwxz";
        let code: String = [k % 16, (k / 16) % 16, (k / 256) % 16]
            .iter()
            .map(|&d| char::from(LETTERS[d]))
            .collect();
        let word = format!("qu{}", code.repeat(4));
        let mut doc = self.document(k);
        let net = &self.networks[network];
        doc.id = format!("post:{}", Uuid::from_u64_pair(0x70_726f_6265, k as u64));
        doc.kind = DocKind::Post;
        doc.tenant_id = net.id;
        doc.language = net.language;
        doc.visibility = Visibility::Network;
        doc.group_ids = vec![];
        doc.body = format!("{} {word}", doc.body);
        (doc, word, network)
    }

    /// The fixed query set: single words, two and three words, misspelled words, compounds and
    /// place names, each asked by a member of one network who belongs to one of its groups.
    pub fn queries(&self, n: usize) -> Vec<BenchQuery> {
        let mut rng = Rng::new(self.seed ^ 0x0071_7565_7269_6573);
        let mix: &[(&'static str, usize)] = &[
            ("one word", 25),
            ("place", 10),
            ("common word", 10),
            ("two words", 20),
            ("misspelled", 17),
            ("compound", 13),
            ("three words", 5),
        ];
        let mut out = Vec::with_capacity(n);
        for &(kind, share) in mix {
            let count = (n * share).div_ceil(100);
            for _ in 0..count {
                if out.len() == n {
                    break;
                }
                let network = rng.below(self.networks.len());
                let net = &self.networks[network];
                let w = self.words(net.language);
                let field = |rng: &mut Rng| w.field[rng.skewed(w.field.len())].clone();
                let text = match kind {
                    "one word" => field(&mut rng),
                    "place" => rng.pick(w.places).to_string(),
                    "common word" => loop {
                        let word = w.common[rng.skewed(w.common.len())];
                        if word.chars().count() >= 5 {
                            break word.to_string();
                        }
                    },
                    "two words" => {
                        let second = if rng.percent(30) {
                            rng.pick(w.places).to_string()
                        } else {
                            field(&mut rng)
                        };
                        format!("{} {second}", field(&mut rng))
                    }
                    "misspelled" => loop {
                        let word = if rng.percent(70) {
                            field(&mut rng)
                        } else {
                            w.compounds[rng.skewed(w.compounds.len())].clone()
                        };
                        if word.chars().count() >= 6 {
                            break misspell(&word, &mut rng);
                        }
                    },
                    "compound" => {
                        if rng.percent(15) {
                            w.phrases[0].to_string()
                        } else {
                            w.compounds[rng.skewed(w.compounds.len())].clone()
                        }
                    }
                    _ => format!(
                        "{} {} {}",
                        field(&mut rng),
                        field(&mut rng),
                        rng.pick(w.places)
                    ),
                };
                out.push(BenchQuery {
                    kind,
                    text,
                    network,
                    group: *rng.pick(&net.groups),
                });
            }
        }
        out
    }
}

fn path_root(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Project | DocKind::ProjectUpdate => "projects",
        DocKind::Thread | DocKind::Post => "threads",
        DocKind::Meeting => "meetings",
        DocKind::File => "files",
    }
}

/// One typing error inside the word (never its first letter): a swap, a dropped, a wrong or a
/// doubled letter.
fn misspell(word: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    let at = 1 + rng.below(chars.len() - 2);
    match rng.below(4) {
        0 => chars.swap(at, at + 1),
        1 => {
            chars.remove(at);
        }
        2 => {
            let wrong = ['a', 'e', 'i', 'o', 'r', 's', 't', 'n', 'l', 'k'];
            let replacement = wrong
                .iter()
                .copied()
                .find(|c| *c != chars[at] && rng.percent(30))
                .unwrap_or(if chars[at] == 'x' { 'y' } else { 'x' });
            chars[at] = replacement;
        }
        _ => chars.insert(at, chars[at]),
    }
    chars.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_the_same_for_the_same_seed() {
        let a = Corpus::new(7, 20);
        let b = Corpus::new(7, 20);
        assert_eq!(a.document(123), b.document(123));
        assert_ne!(a.document(123), a.document(124));
        assert_eq!(a.queries(200).len(), 200);
    }

    #[test]
    fn the_vocabulary_holds_a_few_thousand_words() {
        let c = Corpus::new(1, 2);
        assert!(c.words(Language::Danish).size() > 2_000);
        assert!(c.words(Language::Norwegian).size() > 2_000);
    }

    #[test]
    fn probes_are_more_than_two_edits_apart() {
        let c = Corpus::new(1, 4);
        let words: Vec<String> = (0..60).map(|k| c.probe(k).1).collect();
        for (i, a) in words.iter().enumerate() {
            for b in &words[i + 1..] {
                let diff = a.chars().zip(b.chars()).filter(|(x, y)| x != y).count();
                assert!(diff >= 4, "{a} {b}");
            }
        }
    }
}
