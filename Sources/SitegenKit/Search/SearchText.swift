extension SearchEntry {
    /// Where a word is found, and what it is worth there: a word of the title tells more than one of the body.
    enum Field: Int, CaseIterable {
        case title = 10, summary = 6, questions = 5, topic = 4, tags = 3, headings = 2, body = 1
    }

    /// The UTF-8 bytes of sentences a record keeps at most, the summary's and the questions' aside.
    static let recordBudget = 1000

    /// The entry of an article whose body is `bodyHTML`, read in one pass over its bytes.
    /// - Parameter inputKey: ``inputKey(of:bodyHTML:)``, when it is known already.
    init(article: Article, bodyHTML: String, synonyms: SearchSynonyms, inputKey: UInt64? = nil) {
        let matter = article.frontMatter
        var counter = TermCounter(keepsOrder: !synonyms.isEmpty)
        counter.add(matter.title, .title)
        if let summary = matter.summary { counter.add(summary, .summary) }
        for question in matter.questions { counter.add(question, .questions) }
        if let topic = matter.topic { counter.add(topic, .topic) }
        for tag in matter.tags { counter.add(tag, .tags) }
        let text = SearchText(html: bodyHTML, counter: &counter, budget: Self.recordBudget)
        let terms = counter.finish(synonyms: synonyms)

        // The record's JSON, written as its bytes: {"t": title, "u": address, "p": topic, "c": confidence,
        // "s": summary, "x": [sentences…, questions…]}.
        var json: [UInt8] = []
        json.reserveCapacity(text.byteCount + 512)
        func field(_ name: String, _ value: String) {
            json += json.isEmpty ? "{\"".utf8 : ",\"".utf8
            json += name.utf8
            json += "\":".utf8
            JSONValue.quote(value, into: &json)
        }
        field("t", matter.title)
        field("u", SitePath.percentEncoded(article.urlPath))
        if let topic = matter.topic { field("p", topic) }
        if let confidence = matter.confidence { field("c", confidence.rawValue) }
        if let summary = matter.summary { field("s", summary) }
        json += ",\"x\":[".utf8
        var first = true
        text.forEachSentence { sentence in
            if !first { json.append(UInt8(ascii: ",")) }
            first = false
            JSONValue.quote(utf8: sentence, into: &json)
        }
        for question in matter.questions {
            if !first { json.append(UInt8(ascii: ",")) }
            first = false
            JSONValue.quote(question, into: &json)
        }
        json += "]}\n".utf8
        self.init(
            terms: terms, record: json, recordHash: json.withUnsafeBytes { ContentHash.of($0) }, recordSize: json.count,
            inputKey: inputKey ?? Self.inputKey(of: article, bodyHTML: bodyHTML))
    }

    /// A fingerprint of what an article's entry is made from besides the site's synonyms: its body HTML and the front
    /// matter's fields search reads, and its address. Two entries with the same key are the same (as long as the
    /// program and the synonyms are).
    static func inputKey(of article: Article, bodyHTML: String) -> UInt64 {
        let matter = article.frontMatter
        // Each field's fingerprint after a 1, a missing one as a 0; a list's length before its items.
        var parts: [UInt64] = []
        parts.reserveCapacity(16 + 2 * (matter.questions.count + matter.tags.count))
        func add(_ text: String?) {
            guard var text else { return parts.append(0) }
            parts.append(1)
            parts.append(text.withUTF8 { ContentHash.of(UnsafeRawBufferPointer($0)) })
        }
        for text in [bodyHTML, matter.title, article.urlPath, matter.topic, matter.confidence?.rawValue, matter.summary] { add(text) }
        parts.append(UInt64(matter.questions.count))
        for question in matter.questions { add(question) }
        parts.append(UInt64(matter.tags.count))
        for tag in matter.tags { add(tag) }
        for index in parts.indices { parts[index] = parts[index].littleEndian }
        return parts.withUnsafeBytes { ContentHash.of($0) }
    }
}

/// An article's body HTML as search reads it, in one pass: the words of its headings and of the rest (without tags,
/// citation markers or scripts) go to a ``TermCounter``; its first sentences, up to a budget, to the record.
struct SearchText {
    /// Headings and the sentences of blocks, in page order, as long as they fit the budget: their UTF-8 bytes one
    /// after the other, and where each ends.
    private var sentenceBytes: [UInt8] = []
    private var sentenceEnds: [Int] = []

    /// The sentences as text.
    var sentences: [String] {
        var result: [String] = []
        forEachSentence { result.append(String(decoding: $0, as: UTF8.self)) }
        return result
    }

    /// The bytes the sentences take.
    var byteCount: Int { sentenceBytes.count }

    func forEachSentence(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        sentenceBytes.withUnsafeBufferPointer { bytes in
            var start = 0
            for end in sentenceEnds {
                body(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                start = end
            }
        }
    }

    init(html: String, counter: inout TermCounter, budget: Int) {
        var record = RecordText(budget: budget)
        var html = html
        html.withUTF8 { bytes in
            var inHeading = false
            /// A character reference's text.
            var decoded: [UInt8] = []
            var skipUntil: UInt64?
            /// While skipping: the tag that opens another of the skipped element inside it, and how many are open.
            var skipOpening: UInt64 = 0, skipDepth = 0
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte == UInt8(ascii: "<") {
                    let end = Self.next(UInt8(ascii: ">"), or: UInt8(ascii: ">"), in: bytes, from: i + 1)
                    let tag = UnsafeBufferPointer(rebasing: bytes[(i + 1)..<min(end, bytes.count)])
                    let name = Self.tagName(tag)
                    i = end + 1
                    if let closing = skipUntil {
                        if name == skipOpening { skipDepth += 1 }
                        if name == closing {
                            skipDepth -= 1
                            if skipDepth == 0 { skipUntil = nil }
                        }
                        continue
                    }
                    let kind = Self.kind(of: name)
                    switch kind {
                    case .sup where tag.starts(with: "sup class=\"citation\"".utf8): (skipUntil, skipOpening, skipDepth) = (Self.closingSup, name, 1)
                    // An author-date citation in brackets, with the spans its style may print inside it; one that names
                    // the author in the sentence ("Liu et al. (2021) found") starts with the author's link and is read.
                    case .span where tag.starts(with: "span class=\"citation\"".utf8) && !Self.startsWithLink(bytes, at: i):
                        (skipUntil, skipOpening, skipDepth) = (Self.closingSpan, name, 1)
                    // A script or style ends at its first closing tag, whatever its text holds.
                    case .script: (skipUntil, skipOpening, skipDepth) = (Self.closingScript, .max, 1)
                    case .style: (skipUntil, skipOpening, skipDepth) = (Self.closingStyle, .max, 1)
                    case .heading, .headingEnd, .block:
                        counter.endBlock()
                        record.endBlock(heading: inHeading)
                        if kind != .block { inHeading = kind == .heading }
                    // Inline tags (`<em>`, `<a …>`) join the text around them.
                    case .sup, .span, nil: break
                    }
                    continue
                }
                var end = Self.next(UInt8(ascii: "<"), or: UInt8(ascii: "&"), in: bytes, from: i)
                if skipUntil == nil {
                    if end > i {
                        let run = UnsafeBufferPointer(rebasing: bytes[i..<end])
                        counter.add(run, weight: inHeading ? SearchEntry.Field.headings.rawValue : SearchEntry.Field.body.rawValue, readable: bytes.count - i)
                        record.keep(run)
                    }
                    if end < bytes.count, bytes[end] == UInt8(ascii: "&") {
                        let (scalar, length) = Self.entity(bytes, at: end) ?? ("&", 1)
                        decoded.removeAll(keepingCapacity: true)
                        decoded.append(contentsOf: UTF8.encode(scalar)!)
                        decoded.withUnsafeBufferPointer { decoded in
                            counter.add(decoded, weight: inHeading ? SearchEntry.Field.headings.rawValue : SearchEntry.Field.body.rawValue)
                            record.keep(decoded)
                        }
                        end += length
                    }
                } else if end < bytes.count, bytes[end] == UInt8(ascii: "&") {
                    end += 1
                }
                i = end
            }
            counter.endBlock()
            record.endBlock(heading: inHeading)
        }
        // The record's text: blocks (each ended by its mark), headings whole and paragraphs split into sentences,
        // until the budget is spent.
        var budget = budget
        record.bytes.withUnsafeBufferPointer { record in
            var start = 0
            while budget > 0 {
                let end = Self.next(0x0A, or: 0x01, in: record, from: start)
                guard end < record.count else { break }
                let block = Self.tidy(UnsafeBufferPointer(rebasing: record[start..<end]))
                start = end + 1
                guard !block.isEmpty else { continue }
                for sentence in record[end] == 0x01 ? [block.indices] : Self.sentences(of: block) where budget > 0 {
                    sentenceBytes += block[sentence]
                    sentenceEnds.append(sentenceBytes.count)
                    budget -= sentence.count
                }
            }
        }
    }

    /// The text of an article's blocks for its record, `\u{1}` after a heading and `\n` after another block, until the
    /// block that reaches the budget ends.
    private struct RecordText {
        var bytes: [UInt8] = []
        let budget: Int
        /// Whether text is still kept: false once a block has ended past the budget.
        var keeps = true

        init(budget: Int) { self.budget = budget }

        mutating func keep(_ text: UnsafeBufferPointer<UInt8>) {
            guard keeps else { return }
            let start = bytes.count
            bytes.append(contentsOf: text)
            // A line break inside a block (a paragraph's source lines) is a space there, not the block's end.
            for index in start..<bytes.count where bytes[index] == 0x0A || bytes[index] == 0x01 { bytes[index] = 0x20 }
        }

        mutating func endBlock(heading: Bool) {
            guard keeps, let last = bytes.last, last != 0x0A, last != 0x01 else { return }
            bytes.append(heading ? 0x01 : 0x0A)
            keeps = bytes.count < budget
        }
    }

    /// Whether the text at `index` starts with a link to a place in the page (`<a href="#`).
    private static func startsWithLink(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        UnsafeBufferPointer(rebasing: bytes[index...]).starts(with: "<a href=\"#".utf8)
    }

    /// Where the next `first` or `second` from `start` is (the end of `bytes` if none), looking at eight bytes at a time.
    private static func next(_ first: UInt8, or second: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index + 8 <= bytes.count {
            let chunk = ByteChunk.load(bytes, at: index)
            let found = ByteChunk.equal(first, in: chunk) | ByteChunk.equal(second, in: chunk)
            if found != 0 { return index + ByteChunk.first(found) }
            index += 8
        }
        while index < bytes.count, bytes[index] != first, bytes[index] != second { index += 1 }
        return index
    }

    /// A tag's name, lowercase, packed into a number (its first eight bytes), a trailing `/` left out.
    private static func tagName(_ tag: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var packed: UInt64 = 0
        var count = 0
        for byte in tag {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || count == 8 { break }
            if byte == UInt8(ascii: "/"), count > 0 { break }
            packed = packed << 8 | UInt64(byte | 0x20)
            count += 1
        }
        return packed
    }

    private static func name(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { tagName($0) }
    }

    /// What a tag is to search; any other tag is inline.
    private enum Kind {
        case sup, span, script, style, heading, headingEnd
        /// It begins or ends a block of text.
        case block
    }

    private static let closingSup = name("/sup")
    private static let closingSpan = name("/span")
    private static let closingScript = name("/script")
    private static let closingStyle = name("/style")
    /// The tags of ``Kind`` by packed name, in an open-addressing table of 128 places (a tag is looked up for every
    /// tag of every article): a place holds a name (0 when free) and its kind.
    private static let kinds: [(name: UInt64, kind: Kind)] = {
        var named: [(name: UInt64, kind: Kind)] = [(name("sup"), .sup), (name("span"), .span), (name("script"), .script), (name("style"), .style)]
        named += (1...6).map { (name("h\($0)"), .heading) } + (1...6).map { (name("/h\($0)"), .headingEnd) }
        named += ["p", "/p", "li", "/li", "br", "/blockquote", "blockquote", "td", "/td", "th", "/th", "/pre", "pre", "dt", "/dt", "dd", "/dd",
                  "/figcaption", "div", "/div", "ul", "/ul", "ol", "/ol", "tr", "/tr", "hr"].map { (name($0), .block) }
        var table = [(name: UInt64, kind: Kind)](repeating: (0, .block), count: kindPlaces)
        for (name, kind) in named {
            var place = Self.place(of: name)
            while table[place].name != 0 { place = (place + 1) & (kindPlaces - 1) }
            table[place] = (name, kind)
        }
        return table
    }()
    private static let kindPlaces = 128

    @inline(__always)
    private static func place(of name: UInt64) -> Int {
        Int(truncatingIfNeeded: (name &* 0x9E37_79B9_7F4A_7C15) >> 57)
    }

    private static func kind(of name: UInt64) -> Kind? {
        guard name != 0 else { return nil }
        return kinds.withUnsafeBufferPointer { kinds in
            var place = Self.place(of: name)
            while kinds[place].name != 0 {
                if kinds[place].name == name { return kinds[place].kind }
                place = (place + 1) & (kindPlaces - 1)
            }
            return nil
        }
    }

    /// The character references cmark writes (`&amp;`, `&lt;`, `&gt;`, `&quot;`), `&nbsp;`, and numeric ones.
    private static func entity(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (Unicode.Scalar, Int)? {
        var end = start + 1
        while end < bytes.count, end - start < 12, bytes[end] != UInt8(ascii: ";") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";") else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end]), as: UTF8.self)
        let length = end - start + 1
        switch name {
        case "amp": return ("&", length)
        case "lt": return ("<", length)
        case "gt": return (">", length)
        case "quot": return ("\"", length)
        case "apos": return ("'", length)
        case "nbsp": return (" ", length)
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let value, let scalar = Unicode.Scalar(value) else { return nil }
            return (scalar, length)
        }
    }

    /// A block's text with runs of white space as one space, and none before punctuation (where a citation marker was).
    static func tidy(_ text: some Collection<UInt8>) -> [UInt8] {
        // Never longer than the text: a space is written only for white space left out.
        [UInt8](unsafeUninitializedCapacity: text.count) { result, count in
            var space = false
            for byte in text {
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    space = count > 0
                    continue
                case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ")"):
                    break
                default:
                    if space {
                        result[count] = UInt8(ascii: " ")
                        count += 1
                    }
                }
                space = false
                result[count] = byte
                count += 1
            }
        }
    }

    /// Where a block's sentences are: it is split after `.`, `?` or `!` followed by a space, but not before a
    /// lowercase letter, nor after a period that ends an initial or an abbreviation ("W. Schmidt", "Liu et al. (2021)",
    /// "p. 16", "e.g. statins").
    static func sentences(of block: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        block.withUnsafeBufferPointer { block in
            // A sentence ends before a space: the spaces found eight bytes at a time, then the byte before each.
            var space = next(UInt8(ascii: " "), or: UInt8(ascii: " "), in: block, from: 1)
            while space < block.count {
                let byte = block[space - 1]
                let ends = byte == UInt8(ascii: "?") || byte == UInt8(ascii: "!")
                    || byte == UInt8(ascii: ".") && !abbreviated(block, period: space - 1)
                if ends, space + 1 >= block.count || block[space + 1] &- UInt8(ascii: "a") >= 26 {
                    result.append(start..<space)
                    start = space + 1
                }
                space = next(UInt8(ascii: " "), or: UInt8(ascii: " "), in: block, from: space + 1)
            }
        }
        if start < block.count { result.append(start..<block.count) }
        return result
    }

    /// Whether the period at `period` ends a single letter (an initial) or one of the abbreviations medical text
    /// writes most, not a sentence.
    private static func abbreviated(_ block: UnsafeBufferPointer<UInt8>, period: Int) -> Bool {
        var start = period
        while start > 0, block[start - 1] != UInt8(ascii: " "), block[start - 1] != UInt8(ascii: "(") { start -= 1 }
        let word = UnsafeBufferPointer(rebasing: block[start..<period])
        if word.count == 1 { return (word[0] | 0x20) &- UInt8(ascii: "a") < 26 }
        return abbreviations.contains { word.elementsEqual($0) }
    }

    private static let abbreviations: [[UInt8]] = ["al", "e.g", "i.e", "vs", "cf", "pp", "Dr", "Mr", "Mrs", "Ms", "Prof", "Fig", "approx"].map { Array($0.utf8) }
}
