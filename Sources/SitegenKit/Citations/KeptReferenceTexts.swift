import CSL
import Foundation

/// What the citation style printed in the build that published the site, kept for the next build in the spare
/// (`.sitegen-references`, never published; see ``KeptFile``), so that what is printed from the same items again is
/// taken from here instead:
/// - a numeric style's entries, each printed once a build: its text and HTML under a fingerprint of the style's and
///   the words' key (``ReferenceFormats/key(_:words:)``) and of every value of the entry's item
///   (``CSL/CSLItem/fingerprint``);
/// - an author-date style's citations and entries of each article, which the processor prints together
///   (``Rendering``): under the same key's fingerprint with those of the article's items, in their order, and of its
///   citations (``CSL/CSLCitation/fingerprint(_:)``).
///
/// Printing them is most of what citations add to a build besides their markers: an author-date style's, about 40 %
/// of a build's time.
struct KeptReferenceTexts: Sendable {
    static let fileName = ".sitegen-references"
    private static let magic = Array("sitegen-references 2\n".utf8)

    /// An article's citations as an author-date style prints them (each citation's HTML, before the article's own
    /// inline HTML goes into its affixes), and its entries in the style's order.
    struct Rendering: Sendable, Equatable {
        var citations: [String]
        var entries: [Entry]
    }

    struct Entry: Sendable, Equatable {
        var id: String
        /// Whether the style prints nothing of the item (``CSL/CSLProcessor/Entry/printsNothing``).
        var printsNothing: Bool
        var formatted: FormattedReference
    }

    var texts: [UInt64: FormattedReference] = [:]
    var renderings: [UInt64: Rendering] = [:]
    /// The file these were read from, held open: when a build prints the same, the file is written again as it was.
    private(set) var source: KeptFile.Source?

    var isEmpty: Bool { texts.isEmpty && renderings.isEmpty }

    /// The file in a folder, if this program wrote it whole.
    static func read(in folder: String) -> KeptReferenceTexts? {
        KeptFile.read(folder + "/" + fileName, magic: magic) { reader, source -> KeptReferenceTexts? in
            // Each text once (an entry printed alike in many articles), then the values by their places.
            guard let stringCount = reader.count() else { return nil }
            var strings: [String] = []
            strings.reserveCapacity(stringCount)
            for _ in 0..<stringCount {
                guard let string = reader.text() else { return nil }
                strings.append(string)
            }
            func string() -> String? {
                guard let index = reader.number(), index < UInt64(strings.count) else { return nil }
                return strings[Int(index)]
            }
            func formatted() -> FormattedReference? {
                guard let text = string(), let html = string() else { return nil }
                return FormattedReference(text: text, html: html)
            }
            var kept = KeptReferenceTexts(source: source)
            guard let textCount = reader.count() else { return nil }
            for _ in 0..<textCount {
                guard let key = reader.number(), let text = formatted() else { return nil }
                kept.texts[key] = text
            }
            guard let renderingCount = reader.count() else { return nil }
            for _ in 0..<renderingCount {
                guard let key = reader.number(), let citationCount = reader.count() else { return nil }
                var rendering = Rendering(citations: [], entries: [])
                for _ in 0..<citationCount {
                    guard let citation = string() else { return nil }
                    rendering.citations.append(citation)
                }
                guard let entryCount = reader.count() else { return nil }
                for _ in 0..<entryCount {
                    guard let id = string(), let flag = reader.number(), flag < 2, let text = formatted() else { return nil }
                    rendering.entries.append(Entry(id: id, printsNothing: flag == 1, formatted: text))
                }
                kept.renderings[key] = rendering
            }
            return reader.isAtEnd ? kept : nil
        }
    }

    /// Writes the texts a build printed into a folder, in the order of their keys (the same texts, the same file):
    /// the file they were read from as it was, when they are its texts (`read`, from which every text a build printed
    /// was taken, and which held no other).
    func write(in folder: String, read: KeptReferenceTexts? = nil) {
        if let read, let source = read.source, read.texts.count == texts.count, read.renderings.count == renderings.count,
            texts.keys.allSatisfy({ read.texts[$0] != nil }), renderings.keys.allSatisfy({ read.renderings[$0] != nil })
        {
            return KeptFile.write(folder + "/" + Self.fileName, as: source)
        }
        let texts = texts.sorted { $0.key < $1.key }, renderings = renderings.sorted { $0.key < $1.key }
        // Each text once, numbered in the order first met; told apart byte for byte (two texts Swift holds equal, one
        // written with `é` and one with `e` and an accent, print as written).
        // A text many articles print (an entry's, shared by them) is found again by the place of its bytes in memory
        // first, which is its text's own while the build holds it, without reading the bytes.
        var strings: [String] = [], places: [ExactText: UInt64] = [:], placesInMemory: [Int: UInt64] = [:]
        func known(_ string: String) -> UInt64? {
            let address = Self.address(string)
            if let address, let place = placesInMemory[address] { return place }
            let place = places[ExactText(string)]
            if let address, let place { placesInMemory[address] = place }
            return place
        }
        func intern(_ string: String) {
            guard known(string) == nil else { return }
            places[ExactText(string)] = UInt64(strings.count)
            Self.address(string).map { placesInMemory[$0] = UInt64(strings.count) }
            strings.append(string)
        }
        func intern(_ text: FormattedReference) {
            intern(text.text)
            intern(text.html)
        }
        for (_, text) in texts { intern(text) }
        for (_, rendering) in renderings {
            rendering.citations.forEach(intern)
            for entry in rendering.entries {
                intern(entry.id)
                intern(entry.formatted)
            }
        }
        KeptFile.write(folder + "/" + Self.fileName, magic: Self.magic) { body in
            let numbers = texts.count * 3 + renderings.reduce(0) { $0 + 3 + $1.value.citations.count + $1.value.entries.count * 4 }
            body.reserve(8 * (2 + strings.count + numbers) + strings.reduce(0) { $0 + $1.utf8.count })
            body.number(UInt64(strings.count))
            for string in strings { body.text(string) }
            func place(_ string: String) { body.number(known(string)!) }
            func place(_ text: FormattedReference) {
                place(text.text)
                place(text.html)
            }
            body.number(UInt64(texts.count))
            for (key, text) in texts {
                body.number(key)
                place(text)
            }
            body.number(UInt64(renderings.count))
            for (key, rendering) in renderings {
                body.number(key)
                body.number(UInt64(rendering.citations.count))
                rendering.citations.forEach(place)
                body.number(UInt64(rendering.entries.count))
                for entry in rendering.entries {
                    place(entry.id)
                    body.number(entry.printsNothing ? 1 : 0)
                    place(entry.formatted)
                }
            }
        }
    }

    /// Where a text's bytes are in memory, when they are a buffer of its own that its copies share (nil for a text
    /// of 15 bytes or fewer, which a string holds in itself).
    private static func address(_ string: String) -> Int? {
        guard string.utf8.count > 15 else { return nil }
        return string.utf8.withContiguousStorageIfAvailable { Int(bitPattern: $0.baseAddress) }
    }

    /// The fingerprint of bytes, followed by those of `more`.
    static func key(_ bytes: [UInt8], _ more: [UInt64]) -> UInt64 {
        var bytes = bytes
        for value in more { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        return bytes.withUnsafeBytes { ContentHash.of($0) }
    }

    /// The fingerprint of a formats' key.
    static func fingerprint(ofFormats formats: String) -> UInt64 { key(Array(formats.utf8), []) }
}
