import CCmark
import Testing

@testable import SitegenKit

/// cmark's memory comes from a per-thread arena (`CCmark/shim.h`): documents far larger than one of its chunks, one
/// after the other on the same thread, and one rendered while another is open (from the citation callback), must
/// each come out whole and exactly as cmark writes them.
struct MarkdownArenaTests {
    /// Paragraph `n` in Markdown and as cmark renders it: emphasis, code, a link and an entity, so that nodes, strings
    /// and the output buffer all grow.
    static func paragraph(_ n: Int) -> (markdown: String, html: String) {
        ("Para *\(n)* with `code \(n)` and [a link](https://example.org/\(n)) &amp; more.\n\n",
         "<p>Para <em>\(n)</em> with <code>code \(n)</code> and <a href=\"https://example.org/\(n)\">a link</a> &amp; more.</p>\n")
    }

    static func document(_ range: Range<Int>) -> (markdown: String, html: String) {
        var markdown = "", html = ""
        for n in range {
            let (m, h) = paragraph(n)
            markdown += m
            html += h
        }
        return (markdown, html)
    }

    /// Where two long texts first differ, with a little of each from there (nil when they are the same): a failure
    /// names the place instead of printing megabytes.
    static func firstDifference(_ actual: String, _ expected: String) -> String? {
        let a = Array(actual.utf8), e = Array(expected.utf8)
        guard a != e else { return nil }
        let offset = zip(a, e).prefix { $0 == $1 }.count
        func excerpt(_ bytes: [UInt8]) -> String { String(decoding: bytes[offset..<min(offset + 60, bytes.count)], as: UTF8.self) }
        return "byte \(offset) of \(a.count) (expected \(e.count)): \(excerpt(a).debugDescription), expected \(excerpt(e).debugDescription)"
    }

    @Test func longDocumentsOneAfterAnother() {
        let renderer = MarkdownRenderer()
        // About 1.4 MB of Markdown and 2 MB of HTML: many chunks of 256 KB, and an output buffer larger than one.
        for (count, offset) in [(20_000, 0), (300, 7), (20_000, 3)] {
            let (markdown, html) = Self.document(offset..<(offset + count))
            let rendered = renderer.render(SourceText(path: "a.md", text: markdown), citation: { _ in nil })
            #expect(Self.firstDifference(rendered, html) == nil, "document of \(count) paragraphs")
        }
    }

    @Test func aDocumentRenderedWhileAnotherIsOpen() {
        let renderer = MarkdownRenderer()
        let (outerMarkdown, outerHTML) = Self.document(0..<2_000)
        var inner: [String] = []
        let rendered = renderer.render(SourceText(path: "a.md", text: "Before [@key].\n\n" + outerMarkdown), citation: { _ in
            // A second document parsed and rendered, and its arena given back, while the first is still open.
            let (markdown, _) = Self.document(5_000..<9_000)
            inner.append(renderer.render(SourceText(path: "b.md", text: markdown), citation: { _ in nil }))
            return "<sup>1</sup>"
        })
        #expect(Self.firstDifference(rendered, "<p>Before <sup>1</sup>.</p>\n" + outerHTML) == nil, "the outer document")
        #expect(inner.count == 1)
        #expect(Self.firstDifference(inner.first ?? "", Self.document(5_000..<9_000).html) == nil, "the inner document")
    }

    /// Every document's memory goes back to the arena it came from, citation nodes included (spliced in after the
    /// parse): ten thousand documents made one after the other on one thread take the same few chunks again. (When
    /// Swift put copies of the allocator in two object files, each with a static arena of its own, the spliced
    /// nodes went to an arena that was never released: 6.5 KB more for every article of a build.)
    @Test func documentsWithCitationsGiveTheirMemoryBack() {
        let renderer = MarkdownRenderer()
        let text = SourceText(path: "a.md", text: "A claim [@one] and another [see @two, p. 3; @three].\n\n- and a list [@four]\n")
        let before = sitegen_arena_chunks_made()
        var markers = 0
        for _ in 0..<10_000 {
            _ = renderer.render(text, citation: { _ in
                markers += 1
                return "<sup>\(markers)</sup>"
            })
        }
        #expect(markers == 30_000)
        #expect(sitegen_arena_chunks_made() - before <= 2)
    }
}
