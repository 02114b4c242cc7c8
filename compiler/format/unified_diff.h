#ifndef SYNCRULE_COMPILER_FORMAT_UNIFIED_DIFF_H_
#define SYNCRULE_COMPILER_FORMAT_UNIFIED_DIFF_H_

// Line diffs in unified format, for `syncrule fmt --diff`.

#include <string>
#include <string_view>

namespace syncrule::format {

// Returns the unified diff that turns `before` into `after`: a `---`/`+++`
// header naming `before_name` and `after_name`, then `@@ -a,b +c,d @@`
// hunks with `context` unchanged lines around each change, from a shortest
// edit script (Myers' algorithm). A last line without a line break is
// marked "\ No newline at end of file". Returns "" when the texts are equal.
std::string UnifiedDiff(std::string_view before, std::string_view after,
                        const std::string& before_name, const std::string& after_name,
                        int context = 3);

}  // namespace syncrule::format

#endif  // SYNCRULE_COMPILER_FORMAT_UNIFIED_DIFF_H_
