extension StringProtocol {
    /// Whether the text's braces, counted from its first character, close to depth 0 nowhere before its last one: with a
    /// `{` first and a `}` last, the text is one brace group (`{World Health Organization}`, `{{10.1016/…}}`), not two
    /// (`{a} {b}`).
    var bracesCloseOnlyAtEnd: Bool {
        var depth = 0
        for index in indices {
            if self[index] == "{" { depth += 1 }
            if self[index] == "}" { depth -= 1 }
            if depth == 0 && self.index(after: index) != endIndex { return false }
        }
        return true
    }
}
