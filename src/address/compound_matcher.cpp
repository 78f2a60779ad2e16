#include <algorithm>
#include <array>
#include <cstdint>
#include <unordered_map>

#include "address/address_parser.h"
#include "address/address_text.h"
#include "core/text.h"

namespace youhao::address {

namespace {

constexpr double kExactName = 1.0;
constexpr double kExactCore = 0.9;
constexpr double kContainsName = 0.88;
constexpr double kContainsCore = 0.8;
constexpr double kSectionOnOneSide = 0.8;
constexpr double kSectionDiffers = 0.55;
constexpr double kOneTypo = 0.7;
constexpr double kTwoTypos = 0.55;
constexpr double kPrefixBase = 0.45;
constexpr double kPrefixShare = 0.35;
constexpr double kMatchThreshold = 0.5;
constexpr double kAmbiguityFactor = 0.75;
constexpr double kTie = 1e-9;
constexpr std::size_t kMaxFuzzyLength = 24;
constexpr std::size_t kMinTypoLength = 3;
constexpr std::size_t kMinTwoTyposLength = 6;
constexpr std::size_t kMinPrefixLength = 3;
constexpr std::size_t kMinContainedLength = 3;
constexpr std::size_t kMaxEdits = 2;
// One edit removes at most this many of a name's bigrams and gapped bigrams.
constexpr std::size_t kGramsPerEdit = 4;
// Grams held by more names than this ("大厦", "嘉园") say little and would cost a scan of thousands
// of names; typo search ignores them.
constexpr std::size_t kMaxGramPostings = 512;

constexpr std::u32string_view kDirections = U"东西南北中";

/// Words that say "a residential compound" and nothing about which one.
constexpr std::array<std::u32string_view, 17> kGenericSuffixes = {
    U"住宅小区", U"别墅区", U"住宅区", U"生活区", U"家属区", U"家属院", U"宿舍区", U"小区", U"社区",
    U"花园",     U"家园",   U"公寓",   U"苑区",   U"园区",   U"宿舍",   U"别墅",   U"大院"};

/// The distinctive part of a name: "华清嘉园小区" -> "华清嘉园", "大华花园别墅" -> "大华", "清华东路27号院"
/// -> "清华东路27号". At least two code points are always kept.
std::u32string StripGenericSuffixes(std::u32string text) {
  bool stripped = true;
  while (stripped) {
    stripped = false;
    for (std::u32string_view suffix : kGenericSuffixes) {
      if (text.size() >= suffix.size() + 2 && std::u32string_view(text).ends_with(suffix)) {
        text.resize(text.size() - suffix.size());
        stripped = true;
        break;
      }
    }
    if (!stripped && text.size() >= 4 && text.back() == U'院' && text[text.size() - 2] == U'号') {
      text.pop_back();
      stripped = true;
    }
  }
  return text;
}

struct NameKeys {
  std::u32string name;       // compound + section, normalised
  std::u32string core;       // compound without generic suffixes + section
  std::u32string base_core;  // compound without generic suffixes
  std::size_t section_length = 0;
  bool has_section = false;
};

NameKeys KeysOf(const ParsedAddress& parsed) {
  NameKeys keys;
  const std::u32string base = detail::MatchKey(parsed.compound_text);
  const std::u32string section = detail::MatchKey(parsed.section);
  keys.name = base + section;
  keys.base_core = StripGenericSuffixes(base);
  keys.core = keys.base_core + section;
  keys.section_length = section.size();
  keys.has_section = !section.empty();
  return keys;
}

std::uint64_t Gram(char32_t first, char32_t second, bool gapped) {
  return (static_cast<std::uint64_t>(gapped) << 42) | (static_cast<std::uint64_t>(first) << 21) | second;
}

/// Bigrams and gapped bigrams (c[i], c[i+2]): one wrong, missing or extra character leaves at
/// least one of them intact in names of three or more characters.
std::vector<std::uint64_t> GramsOf(std::u32string_view text) {
  std::vector<std::uint64_t> grams;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    grams.push_back(Gram(text[i], text[i + 1], false));
    if (i + 2 < text.size()) grams.push_back(Gram(text[i], text[i + 2], true));
  }
  std::sort(grams.begin(), grams.end());
  grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
  return grams;
}

/// Levenshtein distance over code points, or `limit + 1` when it exceeds `limit`.
std::size_t EditDistance(std::u32string_view a, std::u32string_view b, std::size_t limit) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  std::array<std::size_t, kMaxFuzzyLength + kMaxEdits + 1> previous{};
  std::array<std::size_t, kMaxFuzzyLength + kMaxEdits + 1> current{};
  if (m + 1 > previous.size()) return limit + 1;
  for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i;
    std::size_t row_min = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
      row_min = std::min(row_min, current[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(previous, current);
  }
  return std::min(previous[m], limit + 1);
}

template <typename T>
void AddUnique(std::vector<T>& list, const T& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

}  // namespace

struct CompoundMatcher::Scored {
  std::uint32_t candidate = 0;
  double confidence = 0;
  /// Chosen on a real name match (the name or its core written whole), not on a shared word, a
  /// typo or an abbreviation: only these are matched, the others are suggestions.
  bool named = false;
};

struct CompoundMatcher::Index {
  struct Candidate {
    std::string code;
    std::string name;
    std::size_t key_length = 0;
  };
  /// A name or a core, for typo and prefix search.
  struct FuzzyKey {
    std::u32string text;
    std::uint32_t candidate = 0;
    std::size_t section_length = 0;  // the section ends the text
    bool core = false;
  };
  struct ContainedKey {
    std::u32string text;
    std::uint32_t candidate = 0;
    double confidence = 0;
  };
  struct BaseCore {
    std::uint32_t candidate = 0;
    bool has_section = false;
    bool operator==(const BaseCore&) const = default;
  };

  std::vector<Candidate> candidates;
  std::unordered_map<std::u32string, std::vector<std::uint32_t>> by_name;
  std::unordered_map<std::u32string, std::vector<std::uint32_t>> by_core;
  std::unordered_map<std::u32string, std::vector<BaseCore>> by_base_core;
  std::vector<FuzzyKey> fuzzy_keys;
  /// Gram -> fuzzy_keys holding it (typos).
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> fuzzy_grams;
  /// First bigram -> fuzzy_keys starting with it (abbreviated names).
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> fuzzy_starts;
  std::vector<ContainedKey> contained_keys;
  /// First bigram -> contained_keys starting with it (names inside a longer text).
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> contained_starts;

  void AddContained(std::u32string text, std::uint32_t candidate, double confidence) {
    if (text.size() < kMinContainedLength) return;
    const std::uint64_t start = Gram(text[0], text[1], false);
    auto& list = contained_starts[start];
    for (std::uint32_t id : list) {
      if (contained_keys[id].candidate == candidate && contained_keys[id].text == text) return;
    }
    list.push_back(static_cast<std::uint32_t>(contained_keys.size()));
    contained_keys.push_back({std::move(text), candidate, confidence});
  }

  void AddFuzzy(const std::u32string& text, std::uint32_t candidate, std::size_t section_length, bool core) {
    if (text.size() < 2 || text.size() > kMaxFuzzyLength + kMaxEdits) return;
    const std::uint64_t start = Gram(text[0], text[1], false);
    auto& starts = fuzzy_starts[start];
    for (std::uint32_t id : starts) {
      if (fuzzy_keys[id].candidate == candidate && fuzzy_keys[id].text == text) {
        fuzzy_keys[id].core = fuzzy_keys[id].core || core;
        return;
      }
    }
    const auto id = static_cast<std::uint32_t>(fuzzy_keys.size());
    starts.push_back(id);
    fuzzy_keys.push_back({text, candidate, section_length, core});
    for (std::uint64_t gram : GramsOf(text)) fuzzy_grams[gram].push_back(id);
  }

  /// Calls `add(candidate, confidence, false)` for names within one edit (two for long names) of `text`,
  /// a name or core whose last `section_length` code points are its section. A different section
  /// alone is not a typo ("农大东区" is not "农大北区" misspelt).
  template <typename Add>
  void AddTypos(std::u32string_view text, std::size_t section_length, const Add& add) const {
    if (text.size() < 2 || text.size() > kMaxFuzzyLength) return;
    const std::vector<std::uint64_t> grams = GramsOf(text);
    std::vector<std::uint32_t> hits;
    std::size_t used = 0;
    for (std::uint64_t gram : grams) {
      auto found = fuzzy_grams.find(gram);
      if (found == fuzzy_grams.end() || found->second.size() > kMaxGramPostings) continue;
      ++used;
      hits.insert(hits.end(), found->second.begin(), found->second.end());
    }
    std::sort(hits.begin(), hits.end());
    const std::size_t needed = used > kGramsPerEdit * kMaxEdits ? used - kGramsPerEdit * kMaxEdits : std::size_t{1};
    const std::u32string_view base = text.substr(0, text.size() - section_length);
    for (std::size_t i = 0; i < hits.size();) {
      std::size_t j = i;
      while (j < hits.size() && hits[j] == hits[i]) ++j;
      const FuzzyKey& key = fuzzy_keys[hits[i]];
      const std::size_t shared = j - i;
      i = j;
      if (shared < needed) continue;
      if (section_length > 0 && key.section_length > 0 &&
          std::u32string_view(key.text).substr(0, key.text.size() - key.section_length) == base) {
        continue;
      }
      const std::size_t distance = EditDistance(text, key.text, kMaxEdits);
      const std::size_t shorter = std::min(text.size(), key.text.size());
      if (distance == 1 && shorter >= kMinTypoLength) {
        add(key.candidate, kOneTypo, false);
      } else if (distance == kMaxEdits && shorter >= kMinTwoTyposLength) {
        add(key.candidate, kTwoTypos, false);
      }
    }
  }

  void Add(std::uint32_t candidate, std::string_view name) {
    NameKeys keys = KeysOf(ParseAddress(name));
    const std::u32string whole = detail::MatchKey(name);
    if (keys.name.empty()) {
      keys.name = whole;
      keys.base_core = StripGenericSuffixes(whole);
      keys.core = keys.base_core;
      keys.has_section = false;
    }
    if (keys.name.empty()) return;
    AddUnique(by_name[keys.name], candidate);
    if (!whole.empty() && whole != keys.name) AddUnique(by_name[whole], candidate);
    AddUnique(by_core[keys.core], candidate);
    AddUnique(by_base_core[keys.base_core], BaseCore{candidate, keys.has_section});
    AddFuzzy(keys.core, candidate, keys.section_length, true);
    AddFuzzy(keys.name, candidate, keys.section_length, false);
    AddContained(keys.name, candidate, kContainsName);
    if (whole != keys.name) AddContained(whole, candidate, kContainsName);
    if (keys.core != keys.name) AddContained(keys.core, candidate, kContainsCore);
    auto& stored = candidates[candidate];
    if (stored.key_length == 0) stored.key_length = keys.name.size();
  }
};

CompoundMatcher::CompoundMatcher(std::vector<CompoundCandidate> compounds) {
  auto index = std::make_shared<Index>();
  index->candidates.reserve(compounds.size());
  for (CompoundCandidate& compound : compounds) {
    index->candidates.push_back({std::move(compound.code), std::move(compound.name), 0});
  }
  for (std::size_t i = 0; i < compounds.size(); ++i) {
    const auto candidate = static_cast<std::uint32_t>(i);
    index->Add(candidate, index->candidates[i].name);
    for (const std::string& alias : compounds[i].aliases) index->Add(candidate, alias);
  }
  index_ = std::move(index);
}

std::size_t CompoundMatcher::size() const { return index_->candidates.size(); }

std::vector<CompoundMatcher::Scored> CompoundMatcher::Score(std::string_view text, double threshold) const {
  std::vector<Scored> scored;
  if (!core::IsValidUtf8(text)) return scored;
  const Index& index = *index_;
  const auto add = [&scored](std::uint32_t candidate, double confidence, bool named) {
    scored.push_back({candidate, confidence, named});
  };

  const ParsedAddress parsed = ParseAddress(text);
  const NameKeys query = KeysOf(parsed);
  if (!query.name.empty()) {
    if (auto found = index.by_name.find(query.name); found != index.by_name.end()) {
      for (std::uint32_t candidate : found->second) add(candidate, kExactName, true);
    }
    if (!parsed.district_text.empty()) {
      const std::u32string with_district = detail::MatchKey(parsed.district_text) + query.name;
      if (auto found = index.by_name.find(with_district); found != index.by_name.end()) {
        for (std::uint32_t candidate : found->second) add(candidate, kExactName, true);
      }
    }
    if (auto found = index.by_core.find(query.core); found != index.by_core.end()) {
      for (std::uint32_t candidate : found->second) add(candidate, kExactCore, true);
    }
    if (auto found = index.by_base_core.find(query.base_core); found != index.by_base_core.end()) {
      for (const Index::BaseCore& entry : found->second) {
        if (entry.has_section != query.has_section) {
          add(entry.candidate, kSectionOnOneSide, true);
        } else if (entry.has_section) {
          add(entry.candidate, kSectionDiffers, false);
        }
      }
    }

    index.AddTypos(query.core, query.section_length, add);
    if (query.name != query.core) index.AddTypos(query.name, query.section_length, add);

    const std::u32string& core = query.core;
    if (core.size() >= kMinPrefixLength) {
      if (auto found = index.fuzzy_starts.find(Gram(core[0], core[1], false)); found != index.fuzzy_starts.end()) {
        for (std::uint32_t id : found->second) {
          const Index::FuzzyKey& key = index.fuzzy_keys[id];
          if (key.core && key.text.size() > core.size() && std::u32string_view(key.text).starts_with(core)) {
            const double share = static_cast<double>(core.size()) / static_cast<double>(key.text.size());
            add(key.candidate, kPrefixBase + kPrefixShare * share, false);
          }
        }
      }
    }
  }

  // Known names anywhere in the text: "请送到华清嘉园小区门口", "送货北京邮电大学10号楼". A name that
  // runs on into more of a name ("华清嘉园东里" holds 华清嘉园) shares a word and is only suggested.
  std::u32string whole;
  std::vector<bool> word_ends;  // whether whole[k] is followed by a space, a separator or the end
  if (detail::NormalizedText normalized; detail::Normalize(text, normalized)) {
    for (std::size_t k = 0; k < normalized.size; ++k) {
      const char32_t c = normalized.chars[k];
      if (c == U' ' || detail::IsSeparator(c)) {
        if (!word_ends.empty()) word_ends.back() = true;
        continue;
      }
      whole += c;
      word_ends.push_back(false);
    }
  }
  const std::u32string_view whole_view(whole);
  const auto ends_name = [&](std::size_t end) {
    if (end >= whole.size() || word_ends[end - 1] || !detail::IsWordCharacter(whole[end])) return true;
    // A number or a section comes next: "华清嘉园三号楼", "荷清苑东区".
    if (detail::IsNumeral(whole[end])) return true;
    const std::u32string_view rest = whole_view.substr(end);
    if (rest.size() >= 2 && rest[1] == U'区' && kDirections.find(rest[0]) != std::u32string_view::npos) return true;
    const auto starts_rest = [rest](std::u32string_view word) { return rest.starts_with(word); };
    return std::any_of(kGenericSuffixes.begin(), kGenericSuffixes.end(), starts_rest) ||
           std::any_of(detail::kPlaceNotes.begin(), detail::kPlaceNotes.end(), starts_rest);
  };
  for (std::size_t i = 0; i + 1 < whole.size(); ++i) {
    auto found = index.contained_starts.find(Gram(whole[i], whole[i + 1], false));
    if (found == index.contained_starts.end()) continue;
    for (std::uint32_t id : found->second) {
      const Index::ContainedKey& key = index.contained_keys[id];
      if (whole_view.substr(i).starts_with(key.text)) {
        add(key.candidate, key.confidence, ends_name(i + key.text.size()));
      }
    }
  }

  std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
    if (a.candidate != b.candidate) return a.candidate < b.candidate;
    if (a.confidence != b.confidence) return a.confidence > b.confidence;
    return a.named && !b.named;
  });
  scored.erase(std::unique(scored.begin(), scored.end(),
                           [](const Scored& a, const Scored& b) { return a.candidate == b.candidate; }),
               scored.end());
  std::erase_if(scored, [threshold](const Scored& s) { return s.confidence < threshold; });
  const std::size_t query_length = query.name.size();
  const auto length_gap = [&index, query_length](const Scored& s) {
    const std::size_t length = index.candidates[s.candidate].key_length;
    return length > query_length ? length - query_length : query_length - length;
  };
  std::sort(scored.begin(), scored.end(), [&length_gap](const Scored& a, const Scored& b) {
    if (a.confidence != b.confidence) return a.confidence > b.confidence;
    if (a.named != b.named) return a.named;
    const std::size_t gap_a = length_gap(a);
    const std::size_t gap_b = length_gap(b);
    if (gap_a != gap_b) return gap_a < gap_b;
    return a.candidate < b.candidate;
  });
  return scored;
}

std::optional<CompoundMatch> CompoundMatcher::Match(std::string_view text) const {
  const std::vector<Scored> scored = Score(text, kMatchThreshold);
  if (scored.empty() || !scored[0].named) return std::nullopt;
  double confidence = scored[0].confidence;
  if (scored.size() > 1 && scored[1].confidence >= confidence - kTie) confidence *= kAmbiguityFactor;
  if (confidence <= kMatchThreshold) return std::nullopt;
  const Index::Candidate& candidate = index_->candidates[scored[0].candidate];
  return CompoundMatch{candidate.code, candidate.name, confidence};
}

std::vector<CompoundMatch> CompoundMatcher::Suggest(std::string_view text, std::size_t limit) const {
  const std::vector<Scored> scored = Score(text, kMatchThreshold);
  std::vector<CompoundMatch> matches;
  for (std::size_t i = 0; i < scored.size() && i < limit; ++i) {
    const Index::Candidate& candidate = index_->candidates[scored[i].candidate];
    matches.push_back({candidate.code, candidate.name, scored[i].confidence});
  }
  return matches;
}

}  // namespace youhao::address
