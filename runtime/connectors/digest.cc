#include "runtime/connectors/digest.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <utility>

namespace syncrule::runtime {
namespace {

// Hex digits of an event id: 128 bits, ample against accidental collision.
constexpr size_t kStableIdHexDigits = 32;

// Writes the hex digits of `size` bytes to `out` (2 * size characters).
void WriteHex(const unsigned char* bytes, size_t size, char* out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (size_t i = 0; i < size; ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 0xF];
  }
}

std::string Hex(const unsigned char* bytes, size_t size) {
  std::string hex(size * 2, '\0');
  WriteHex(bytes, size, hex.data());
  return hex;
}

std::array<unsigned char, SHA256_DIGEST_LENGTH> Sha256(std::string_view data) {
  // OpenSSL 3 looks the algorithm up in its providers on every one-shot
  // SHA256() call, which costs more than hashing an event id; the fetched
  // algorithm is immutable and may be shared by threads.
  static EVP_MD* const kSha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  if (kSha256 == nullptr ||
      EVP_Digest(data.data(), data.size(), digest.data(), nullptr, kSha256, nullptr) != 1) {
    SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data());
  }
  return digest;
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  const auto digest = Sha256(data);
  return Hex(digest.data(), digest.size());
}

std::string HmacSha256Hex(std::string_view key, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(),
           digest, &size) == nullptr) {
    return {};
  }
  return Hex(digest, size);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool ConstantTimeTokenEquals(std::string_view a, std::string_view b) {
  const auto digest_a = Sha256(a);
  const auto digest_b = Sha256(b);
  return CRYPTO_memcmp(digest_a.data(), digest_b.data(), digest_a.size()) == 0;
}

std::string StableId(std::string_view prefix,
                     std::initializer_list<std::string_view> parts) {
  std::string joined;
  size_t total = 0;
  for (std::string_view part : parts) total += part.size() + 21;
  joined.reserve(total);
  for (std::string_view part : parts) {
    // Length-prefixing makes the join unambiguous whatever the parts hold.
    joined.append(std::to_string(part.size()));
    joined.push_back(':');
    joined.append(part);
  }
  const auto digest = Sha256(joined);
  std::string id(prefix.size() + 1 + kStableIdHexDigits, ':');
  std::copy(prefix.begin(), prefix.end(), id.begin());
  WriteHex(digest.data(), kStableIdHexDigits / 2, id.data() + prefix.size() + 1);
  return id;
}

int FindSigningSecret(std::string_view body,
                      const std::vector<std::string>& secrets,
                      const std::vector<std::string_view>& hex_signatures) {
  std::vector<std::string> received;
  for (std::string_view signature : hex_signatures) {
    std::string lower(signature);
    for (char& c : lower) {
      if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
    }
    received.push_back(std::move(lower));
  }
  for (size_t i = 0; i < secrets.size(); ++i) {
    const std::string expected = HmacSha256Hex(secrets[i], body);
    for (const std::string& signature : received) {
      if (ConstantTimeEquals(expected, signature)) return static_cast<int>(i);
    }
  }
  return -1;
}

const std::string* FindHeader(const Headers& headers,
                              std::string_view lower_name) {
  auto it = headers.find(std::string(lower_name));
  return it == headers.end() ? nullptr : &it->second;
}

}  // namespace syncrule::runtime
