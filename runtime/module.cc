#include "runtime/module.h"

#include <cstring>

#include <fmt/format.h>

namespace syncrule::runtime {
namespace {

constexpr char kMagic[4] = {'S', 'R', 'B', '\x1a'};

// Constant tags in the constants section.
enum ConstantTag : uint8_t {
  kTagNull = 0, kTagFalse, kTagTrue, kTagInt, kTagDouble, kTagString,
  kTagList, kTagObject,
};

// --- writing -----------------------------------------------------------------

class ByteWriter {
 public:
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void Varint(uint64_t v) {
    while (v >= 0x80) {
      U8(static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    U8(static_cast<uint8_t>(v));
  }
  void Signed(int64_t v) {
    Varint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
  }
  void Fixed(uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) U8(static_cast<uint8_t>(v >> (8 * i)));
  }
  void String(std::string_view s) {
    Varint(s.size());
    out_.append(s);
  }
  void Bool(bool b) { U8(b ? 1 : 0); }
  void Strings(const std::vector<std::string>& list) {
    Varint(list.size());
    for (const std::string& s : list) String(s);
  }
  void Bytes(std::string_view bytes) { out_.append(bytes); }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

void WriteConstant(ByteWriter& w, const nlohmann::json& c) {
  switch (c.type()) {
    case nlohmann::json::value_t::boolean:
      w.U8(c.get<bool>() ? kTagTrue : kTagFalse);
      return;
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      w.U8(kTagInt);
      w.Signed(c.get<int64_t>());
      return;
    case nlohmann::json::value_t::number_float: {
      w.U8(kTagDouble);
      double d = c.get<double>();
      uint64_t bits;
      std::memcpy(&bits, &d, sizeof bits);
      w.Fixed(bits, 8);
      return;
    }
    case nlohmann::json::value_t::string:
      w.U8(kTagString);
      w.String(c.get_ref<const std::string&>());
      return;
    case nlohmann::json::value_t::array:
      w.U8(kTagList);
      w.Varint(c.size());
      for (const auto& item : c) WriteConstant(w, item);
      return;
    case nlohmann::json::value_t::object:
      w.U8(kTagObject);
      w.Varint(c.size());
      for (const auto& [key, item] : c.items()) {
        w.String(key);
        WriteConstant(w, item);
      }
      return;
    default:
      w.U8(kTagNull);
      return;
  }
}

void WriteOperand(ByteWriter& w, const JqlOperandImage& o) {
  w.U8(static_cast<uint8_t>(o.kind));
  w.String(o.text);
  w.Bool(o.is_number);
  w.String(o.argument);
}

void WriteOperands(ByteWriter& w, const std::vector<JqlOperandImage>& list) {
  w.Varint(list.size());
  for (const JqlOperandImage& o : list) WriteOperand(w, o);
}

std::string SectionBytes(const ModuleImage& m, SectionId id) {
  ByteWriter w;
  switch (id) {
    case SectionId::kConstants:
      w.Varint(m.constants.size());
      for (const auto& c : m.constants) WriteConstant(w, c);
      break;
    case SectionId::kPaths:
      w.Strings(m.paths);
      break;
    case SectionId::kFields:
      w.Varint(m.fields.size());
      for (const FieldImage& f : m.fields) {
        w.String(f.name);
        w.U8(static_cast<uint8_t>(f.type));
        w.Varint(f.paths.size());
        for (const auto& [format, path] : f.paths) {
          w.String(format);
          w.Varint(path);
        }
      }
      break;
    case SectionId::kRegexes:
      w.Varint(m.regexes.size());
      for (const RegexImage& r : m.regexes) {
        w.String(r.pattern);
        w.Bool(r.case_insensitive);
      }
      break;
    case SectionId::kSets:
      w.Varint(m.sets.size());
      for (const SetImage& s : m.sets) {
        w.Bool(s.folded);
        w.Strings(s.items);
      }
      break;
    case SectionId::kMaps:
      w.Varint(m.maps.size());
      for (const MapImage& map : m.maps) {
        w.String(map.name);
        w.Varint(map.entries.size());
        for (const auto& [key, constant] : map.entries) {
          w.String(key);
          w.Varint(constant);
        }
        w.Signed(map.default_constant);
      }
      break;
    case SectionId::kSites:
      w.Varint(m.sites.size());
      for (const SiteImage& s : m.sites) {
        w.String(s.action);
        w.String(s.entity);
        w.String(s.connector);
        w.Bool(s.creates);
        w.Strings(s.arg_names);
      }
      break;
    case SectionId::kJqlFields:
      w.Varint(m.jql_fields.size());
      for (const JqlFieldImage& f : m.jql_fields) {
        w.String(f.name);
        w.U8(static_cast<uint8_t>(f.reader));
        w.U8(static_cast<uint8_t>(f.compare));
        w.String(f.json_key);
        w.Bool(f.multi_valued);
        w.Bool(f.is_custom);
        w.Strings(f.history_names);
        w.Signed(f.path);
      }
      break;
    case SectionId::kJqlTerms:
      w.Varint(m.jql_terms.size());
      for (const JqlTermImage& t : m.jql_terms) {
        w.Varint(t.field);
        w.U8(static_cast<uint8_t>(t.op));
        WriteOperands(w, t.values);
        w.String(t.text_query);
        w.Varint(t.windows.size());
        for (const JqlWindowImage& window : t.windows) {
          w.U8(static_cast<uint8_t>(window.kind));
          WriteOperand(w, window.first);
          WriteOperand(w, window.second);
        }
        w.Bool(t.has_by);
        w.Strings(t.by);
        w.Bool(t.has_from);
        WriteOperands(w, t.from);
        w.Bool(t.has_to);
        WriteOperands(w, t.to);
      }
      break;
    case SectionId::kRules:
      w.Varint(m.rules.size());
      for (const RuleImage& r : m.rules) {
        w.String(r.name);
        w.Strings(r.triggers);
        w.Bool(r.manual);
        w.Bool(r.one_link_per_entity);
        w.Varint(r.code_begin);
        w.Varint(r.code_end);
        w.Varint(r.local_count);
        w.Varint(r.iterator_count);
        w.Varint(r.max_stack);
        w.String(r.jql);
        w.Bool(r.becomes_true);
        w.Varint(r.file);
        w.Varint(r.line);
        w.Varint(r.column);
      }
      break;
    case SectionId::kCode:
      w.Varint(m.code.size());
      for (Instruction i : m.code) w.Fixed(i, 4);
      break;
    case SectionId::kFiles:
      w.Varint(m.files.size());
      for (const FileImage& f : m.files) {
        w.String(f.name);
        w.String(f.text);
      }
      break;
    case SectionId::kLines:
      w.Varint(m.lines.size());
      for (const LineEntry& e : m.lines) {
        w.Varint(e.pc);
        w.Varint(e.file);
        w.Varint(e.line);
        w.Varint(e.column);
      }
      break;
    case SectionId::kSettings:
      w.String(m.settings.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      break;
  }
  return std::move(w.out());
}

// --- reading -------------------------------------------------------------------

// A bounds-checked cursor. After the first failure every read returns a
// zero value and ok() stays false, so callers check once per table.
class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}

  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == bytes_.size(); }
  const std::string& why() const { return why_; }
  void Fail(std::string why) {
    if (ok_) why_ = std::move(why);
    ok_ = false;
  }

  uint8_t U8() {
    if (!ok_ || pos_ >= bytes_.size()) {
      Fail("unexpected end of data");
      return 0;
    }
    return static_cast<uint8_t>(bytes_[pos_++]);
  }
  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      uint8_t b = U8();
      if (!ok_) return 0;
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) return v;
    }
    Fail("varint longer than 10 bytes");
    return 0;
  }
  int64_t Signed() {
    uint64_t z = Varint();
    return static_cast<int64_t>((z >> 1) ^ (~(z & 1) + 1));
  }
  uint32_t U32(uint64_t max = UINT32_MAX) {
    uint64_t v = Varint();
    if (v > max) {
      Fail(fmt::format("value {} exceeds {}", v, max));
      return 0;
    }
    return static_cast<uint32_t>(v);
  }
  uint64_t Fixed(int bytes) {
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v |= static_cast<uint64_t>(U8()) << (8 * i);
    return v;
  }
  bool Bool() {
    uint8_t b = U8();
    if (b > 1) Fail("boolean byte is not 0 or 1");
    return b == 1;
  }
  std::string String() {
    uint64_t n = Varint();
    if (!ok_) return std::string();
    if (n > kMaxStringBytes || n > bytes_.size() - pos_) {
      Fail("string runs past the end of its section");
      return std::string();
    }
    std::string s(bytes_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  // Reads a table size, bounded by the entries that could still fit.
  size_t Count(size_t min_entry_bytes = 1) {
    uint64_t n = Varint();
    if (!ok_) return 0;
    size_t room = (bytes_.size() - pos_) / std::max<size_t>(min_entry_bytes, 1);
    if (n > kMaxTableEntries || n > room) {
      Fail(fmt::format("table of {} entries cannot fit", n));
      return 0;
    }
    return static_cast<size_t>(n);
  }
  std::vector<std::string> Strings() {
    std::vector<std::string> out(Count());
    for (auto& s : out) s = String();
    return out;
  }
  std::string_view Take(size_t n) {
    if (!ok_ || n > bytes_.size() - pos_) {
      Fail("section runs past the end of the payload");
      return std::string_view();
    }
    std::string_view out = bytes_.substr(pos_, n);
    pos_ += n;
    return out;
  }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
  bool ok_ = true;
  std::string why_;
};

nlohmann::json ReadConstant(ByteReader& r, int depth) {
  if (depth > kMaxConstantDepth) {
    r.Fail("constant nests too deeply");
    return nullptr;
  }
  uint8_t tag = r.U8();
  switch (tag) {
    case kTagNull: return nullptr;
    case kTagFalse: return false;
    case kTagTrue: return true;
    case kTagInt: return r.Signed();
    case kTagDouble: {
      uint64_t bits = r.Fixed(8);
      double d;
      std::memcpy(&d, &bits, sizeof d);
      return d;
    }
    case kTagString: return r.String();
    case kTagList: {
      nlohmann::json out = nlohmann::json::array();
      size_t n = r.Count();
      for (size_t i = 0; i < n && r.ok(); ++i) out.push_back(ReadConstant(r, depth + 1));
      return out;
    }
    case kTagObject: {
      nlohmann::json out = nlohmann::json::object();
      size_t n = r.Count(2);
      for (size_t i = 0; i < n && r.ok(); ++i) {
        std::string key = r.String();
        out[key] = ReadConstant(r, depth + 1);
      }
      return out;
    }
    default:
      r.Fail(fmt::format("unknown constant tag {}", tag));
      return nullptr;
  }
}

template <typename E>
E ReadEnum(ByteReader& r, int count, const char* what) {
  uint8_t v = r.U8();
  if (v >= count) r.Fail(fmt::format("{} {} is out of range", what, v));
  return static_cast<E>(v < count ? v : 0);
}

JqlOperandImage ReadOperand(ByteReader& r) {
  JqlOperandImage o;
  o.kind = ReadEnum<JqlOperandKind>(r, 4, "JQL operand kind");
  o.text = r.String();
  o.is_number = r.Bool();
  o.argument = r.String();
  return o;
}

std::vector<JqlOperandImage> ReadOperands(ByteReader& r) {
  std::vector<JqlOperandImage> out(r.Count(4));
  for (auto& o : out) o = ReadOperand(r);
  return out;
}

void ReadSection(ByteReader& r, SectionId id, ModuleImage* m) {
  switch (id) {
    case SectionId::kConstants: {
      m->constants.resize(r.Count());
      for (auto& c : m->constants) {
        if (!r.ok()) break;
        c = ReadConstant(r, 0);
      }
      break;
    }
    case SectionId::kPaths:
      m->paths = r.Strings();
      break;
    case SectionId::kFields:
      m->fields.resize(r.Count(3));
      for (FieldImage& f : m->fields) {
        f.name = r.String();
        f.type = ReadEnum<ValueType>(r, 10, "field type");
        f.paths.resize(r.Count(2));
        for (auto& [format, path] : f.paths) {
          format = r.String();
          path = r.U32();
        }
      }
      break;
    case SectionId::kRegexes:
      m->regexes.resize(r.Count(2));
      for (RegexImage& re : m->regexes) {
        re.pattern = r.String();
        re.case_insensitive = r.Bool();
      }
      break;
    case SectionId::kSets:
      m->sets.resize(r.Count(2));
      for (SetImage& s : m->sets) {
        s.folded = r.Bool();
        s.items = r.Strings();
      }
      break;
    case SectionId::kMaps:
      m->maps.resize(r.Count(3));
      for (MapImage& map : m->maps) {
        map.name = r.String();
        map.entries.resize(r.Count(2));
        for (auto& [key, constant] : map.entries) {
          key = r.String();
          constant = r.U32();
        }
        map.default_constant = r.Signed();
      }
      break;
    case SectionId::kSites:
      m->sites.resize(r.Count(5));
      for (SiteImage& s : m->sites) {
        s.action = r.String();
        s.entity = r.String();
        s.connector = r.String();
        s.creates = r.Bool();
        s.arg_names = r.Strings();
      }
      break;
    case SectionId::kJqlFields:
      m->jql_fields.resize(r.Count(8));
      for (JqlFieldImage& f : m->jql_fields) {
        f.name = r.String();
        f.reader = ReadEnum<JqlReader>(r, kJqlReaderCount, "JQL reader");
        f.compare = ReadEnum<JqlCompare>(r, kJqlCompareCount, "JQL compare");
        f.json_key = r.String();
        f.multi_valued = r.Bool();
        f.is_custom = r.Bool();
        f.history_names = r.Strings();
        f.path = r.Signed();
      }
      break;
    case SectionId::kJqlTerms:
      m->jql_terms.resize(r.Count(10));
      for (JqlTermImage& t : m->jql_terms) {
        t.field = r.U32();
        t.op = ReadEnum<JqlOp>(r, kJqlOpCount, "JQL operator");
        t.values = ReadOperands(r);
        t.text_query = r.String();
        t.windows.resize(r.Count(9));
        for (JqlWindowImage& window : t.windows) {
          window.kind = ReadEnum<JqlWindowKind>(r, 4, "JQL window kind");
          window.first = ReadOperand(r);
          window.second = ReadOperand(r);
        }
        t.has_by = r.Bool();
        t.by = r.Strings();
        t.has_from = r.Bool();
        t.from = ReadOperands(r);
        t.has_to = r.Bool();
        t.to = ReadOperands(r);
      }
      break;
    case SectionId::kRules:
      m->rules.resize(r.Count(14));
      for (RuleImage& rule : m->rules) {
        rule.name = r.String();
        rule.triggers = r.Strings();
        rule.manual = r.Bool();
        rule.one_link_per_entity = r.Bool();
        rule.code_begin = r.U32();
        rule.code_end = r.U32();
        rule.local_count = r.U32();
        rule.iterator_count = r.U32();
        rule.max_stack = r.U32();
        rule.jql = r.String();
        rule.becomes_true = r.Bool();
        rule.file = r.U32();
        rule.line = r.U32();
        rule.column = r.U32();
      }
      break;
    case SectionId::kCode: {
      size_t n = r.Count(4);
      if (n > kMaxCodeWords) r.Fail("too many instructions");
      m->code.resize(r.ok() ? n : 0);
      for (Instruction& i : m->code) i = static_cast<Instruction>(r.Fixed(4));
      break;
    }
    case SectionId::kFiles:
      m->files.resize(r.Count(2));
      for (FileImage& f : m->files) {
        f.name = r.String();
        f.text = r.String();
      }
      break;
    case SectionId::kLines:
      m->lines.resize(r.Count(4));
      for (LineEntry& e : m->lines) {
        e.pc = r.U32();
        e.file = r.U32();
        e.line = r.U32();
        e.column = r.U32();
      }
      break;
    case SectionId::kSettings: {
      std::string text = r.String();
      nlohmann::json settings =
          nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
      if (settings.is_discarded() || !settings.is_object()) {
        r.Fail("settings are not a JSON object");
      } else {
        m->settings = std::move(settings);
      }
      break;
    }
  }
}

ModuleStatus Fail(ModuleError error, std::string message) {
  return ModuleStatus{error, std::move(message)};
}

}  // namespace

const char* SectionName(SectionId id) {
  switch (id) {
    case SectionId::kConstants: return "constants";
    case SectionId::kPaths: return "paths";
    case SectionId::kFields: return "fields";
    case SectionId::kRegexes: return "regexes";
    case SectionId::kSets: return "sets";
    case SectionId::kMaps: return "maps";
    case SectionId::kSites: return "sites";
    case SectionId::kJqlFields: return "jql_fields";
    case SectionId::kJqlTerms: return "jql_terms";
    case SectionId::kRules: return "rules";
    case SectionId::kCode: return "code";
    case SectionId::kFiles: return "files";
    case SectionId::kLines: return "lines";
    case SectionId::kSettings: return "settings";
  }
  return "?";
}

const char* ModuleErrorName(ModuleError error) {
  switch (error) {
    case ModuleError::kOk: return "ok";
    case ModuleError::kTooShort: return "too_short";
    case ModuleError::kBadMagic: return "bad_magic";
    case ModuleError::kBadVersion: return "bad_version";
    case ModuleError::kBadLength: return "bad_length";
    case ModuleError::kBadChecksum: return "bad_checksum";
    case ModuleError::kTruncated: return "truncated";
    case ModuleError::kBadSection: return "bad_section";
    case ModuleError::kBadValue: return "bad_value";
    case ModuleError::kBadOpcode: return "bad_opcode";
    case ModuleError::kBadOperand: return "bad_operand";
    case ModuleError::kBadJump: return "bad_jump";
    case ModuleError::kBadStack: return "bad_stack";
    case ModuleError::kBadConstantType: return "bad_constant_type";
    case ModuleError::kBadRegex: return "bad_regex";
    case ModuleError::kBadLoop: return "bad_loop";
    case ModuleError::kBadRule: return "bad_rule";
    case ModuleError::kBadLineTable: return "bad_line_table";
  }
  return "?";
}

uint64_t Fnv1a64(std::string_view bytes) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string WriteModule(const ModuleImage& image) {
  ByteWriter payload;
  for (int id = 1; id <= kSectionCount; ++id) {
    std::string section = SectionBytes(image, static_cast<SectionId>(id));
    payload.U8(static_cast<uint8_t>(id));
    payload.Varint(section.size());
    payload.Bytes(section);
  }
  ByteWriter file;
  file.Bytes(std::string_view(kMagic, 4));
  file.Fixed(kModuleVersion, 2);
  file.Fixed(0, 2);
  file.Fixed(payload.out().size(), 4);
  file.Fixed(Fnv1a64(payload.out()), 8);
  file.Bytes(payload.out());
  return std::move(file.out());
}

ModuleStatus ReadModule(std::string_view bytes, ModuleImage* image) {
  *image = ModuleImage{};
  if (bytes.size() < kModuleHeaderBytes) {
    return Fail(ModuleError::kTooShort,
                fmt::format("module is {} bytes, shorter than its {}-byte header",
                            bytes.size(), kModuleHeaderBytes));
  }
  if (std::memcmp(bytes.data(), kMagic, 4) != 0) {
    return Fail(ModuleError::kBadMagic, "not a syncrule module (bad magic)");
  }
  ByteReader header(bytes.substr(4, kModuleHeaderBytes - 4));
  uint64_t version = header.Fixed(2);
  header.Fixed(2);
  uint64_t length = header.Fixed(4);
  uint64_t checksum = header.Fixed(8);
  if (version != kModuleVersion) {
    return Fail(ModuleError::kBadVersion,
                fmt::format("module format version {} is not supported "
                            "(this build reads version {})",
                            version, kModuleVersion));
  }
  if (length != bytes.size() - kModuleHeaderBytes || length > kMaxModuleBytes) {
    return Fail(ModuleError::kBadLength,
                fmt::format("header says the payload is {} bytes; the file "
                            "holds {}",
                            length, bytes.size() - kModuleHeaderBytes));
  }
  std::string_view payload = bytes.substr(kModuleHeaderBytes);
  if (Fnv1a64(payload) != checksum) {
    return Fail(ModuleError::kBadChecksum,
                "payload checksum mismatch: the module is corrupted");
  }
  ByteReader r(payload);
  for (int expected = 1; expected <= kSectionCount; ++expected) {
    if (r.at_end()) {
      return Fail(ModuleError::kBadSection,
                  fmt::format("section '{}' is missing",
                              SectionName(static_cast<SectionId>(expected))));
    }
    uint8_t id = r.U8();
    if (id != expected) {
      return Fail(ModuleError::kBadSection,
                  fmt::format("found section id {} where section '{}' belongs",
                              id, SectionName(static_cast<SectionId>(expected))));
    }
    uint64_t size = r.Varint();
    std::string_view body = r.Take(size);
    if (!r.ok()) {
      return Fail(ModuleError::kTruncated,
                  fmt::format("section '{}' runs past the end of the payload",
                              SectionName(static_cast<SectionId>(id))));
    }
    ByteReader section(body);
    ReadSection(section, static_cast<SectionId>(id), image);
    if (!section.ok()) {
      bool truncated = section.why().find("end") != std::string::npos ||
                       section.why().find("fit") != std::string::npos;
      return Fail(truncated ? ModuleError::kTruncated : ModuleError::kBadValue,
                  fmt::format("section '{}': {}",
                              SectionName(static_cast<SectionId>(id)),
                              section.why()));
    }
    if (!section.at_end()) {
      return Fail(ModuleError::kBadSection,
                  fmt::format("section '{}' has trailing bytes",
                              SectionName(static_cast<SectionId>(id))));
    }
  }
  if (!r.at_end()) {
    return Fail(ModuleError::kBadSection, "bytes after the last section");
  }
  return ModuleStatus{};
}

}  // namespace syncrule::runtime
