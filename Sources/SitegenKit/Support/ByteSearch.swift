extension String {
    /// Whether `needle` occurs in the text, compared byte for byte in UTF-8: no Unicode equivalence, which
    /// `contains(_:)` pays for on every call, and none is wanted for the ASCII and punctuation this is used with.
    func containsBytes(_ needle: String) -> Bool {
        var haystack = self, needle = needle
        return haystack.withUTF8 { text in
            needle.withUTF8 { part in
                guard let first = part.first else { return true }
                guard part.count <= text.count else { return false }
                var start = 0
                while start <= text.count - part.count {
                    if text[start] == first {
                        var matched = 1
                        while matched < part.count, text[start + matched] == part[matched] { matched += 1 }
                        if matched == part.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }
}
