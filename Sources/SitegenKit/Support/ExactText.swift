import Foundation

/// Text compared byte for byte, as a web server compares a request's path with its files' names and a browser an
/// address's fragment with a page's ids. Swift's strings are equal when they are canonically equivalent: `é` typed as
/// one character (NFC, as Linux editors write it) and as `e` followed by U+0301 (NFD, as macOS writes file names)
/// are one string to Swift, and two names to a server.
struct ExactText: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    init(stringLiteral text: String) {
        self.text = text
    }

    var description: String { text }

    static func == (lhs: ExactText, rhs: ExactText) -> Bool {
        guard lhs.text.utf8.count == rhs.text.utf8.count else { return false }
        var left = lhs.text, right = rhs.text
        // (A native string's bytes are contiguous: compared at once, not byte by byte.)
        return left.withUTF8 { left in right.withUTF8 { right in left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0 } }
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        // (A native string's bytes are contiguous: hashed at once, not byte by byte.)
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
