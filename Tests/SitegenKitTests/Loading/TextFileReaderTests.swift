import Foundation
import Testing

@testable import SitegenKit

struct TextFileReaderTests {
    @Test func aFileIsReadWholeWhateverSizeItClaims() throws {
        let folder = try TestSite([:])
        defer { folder.remove() }
        // Empty, exactly the first read's room, and long: each is read to its end.
        for size in [0, 1, 4096, 300_000] {
            let bytes = (0..<size).map { (index: Int) -> UInt8 in index % 61 == 60 ? 0x0A : UInt8(97 + index % 26) }
            let text = String(decoding: bytes, as: UTF8.self)
            let file = folder.root.appendingPathComponent("file-\(size).md")
            try Data(text.utf8).write(to: file)
            #expect(try TextFileReader.read(file: file.path, path: "Content/file.md").text == text)
        }
        // A file whose size says 0 but that holds text (as files under /proc do): read until a read gives nothing.
        let status = try TextFileReader.read(file: "/proc/self/status", path: "status")
        #expect(status.text.hasPrefix("Name:"))
        #expect(status.text.contains("\nPid:"))
    }

    @Test func aFileThatCannotBeReadIsNamedWithWhy() {
        let cases = [("/nonexistent/sitegen/file.md", "No such file or directory"), ("/tmp", "Is a directory")]
        for (file, why) in cases {
            #expect(throws: Diagnostic.self) { try TextFileReader.read(file: file, path: "Content/a.md") }
            do {
                _ = try TextFileReader.read(file: file, path: "Content/a.md")
            } catch {
                #expect(error.description == "Content/a.md:1:1: error: cannot read file: \(why)")
            }
        }
    }

    @Test func utf16WithItsByteOrderMarkIsRead() throws {
        let folder = try TestSite([:])
        defer { folder.remove() }
        let text = "Caf\u{E9} \u{3B2} \u{1F600}\r\nline two\n"
        let little: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        for (name, bytes) in [("le.md", little), ("be.md", big)] {
            let file = folder.root.appendingPathComponent(name)
            try Data(bytes).write(to: file)
            #expect(try TextFileReader.read(file: file.path, path: "Content/\(name)").text == "Caf\u{E9} \u{3B2} \u{1F600}\nline two\n")
        }
        // Half a character at the end, a lone surrogate on line 2: errors, not text.
        let half = folder.root.appendingPathComponent("half.md")
        try Data(little + [0x41]).write(to: half)
        expectDiagnostic("Content/half.md:3:1: error: file starts as UTF-16 but ends in half a character; save it as UTF-8 in your editor") { () throws(Diagnostic) in
            _ = try TextFileReader.read(file: half.path, path: "Content/half.md")
        }
        let lone = folder.root.appendingPathComponent("lone.md")
        try Data([0xFF, 0xFE, 0x41, 0x00, 0x0A, 0x00, 0x00, 0xD8, 0x41, 0x00]).write(to: lone)
        expectDiagnostic("Content/lone.md:2:1: error: file starts as UTF-16 but is not UTF-16 on this line (a lone surrogate); save it as UTF-8 in your editor") { () throws(Diagnostic) in
            _ = try TextFileReader.read(file: lone.path, path: "Content/lone.md")
        }
    }

    /// UTF-16 without its byte order mark, of Latin letters alone (valid UTF-8, a zero byte after each letter) or not:
    /// said to be UTF-16, with the command that converts it, never read as text with zeros in it.
    @Test func utf16WithoutItsByteOrderMarkIsSaidToBeUTF16() throws {
        let folder = try TestSite([:])
        defer { folder.remove() }
        for text in ["@article{a, title={T}}\n", "@article{a, title={Sch\u{F6}n}}\n"] {
            for (order, bytes) in [("le", text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), ("be", text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })] {
                let file = folder.root.appendingPathComponent("refs.bib")
                try Data(bytes).write(to: file)
                let name = order == "le" ? "little-endian" : "big-endian"
                expectDiagnostic("Content/refs.bib:1:1: error: file is UTF-16 (\(name)) without a byte order mark, not UTF-8; save it as UTF-8 in your editor ('iconv -f utf-16\(order) -t utf-8' converts it)") { () throws(Diagnostic) in
                    _ = try TextFileReader.read(file: file.path, path: "Content/refs.bib", legacy: true)
                }
            }
        }
    }

    @Test func windows1252IsReadOnlyWhereAskedAndOnlyWhenNothingIsUTF8() throws {
        let folder = try TestSite([:])
        defer { folder.remove() }
        let file = folder.root.appendingPathComponent("old.bib")
        try Data(Array("a\nM".utf8) + [0xFC, 0x6C, 0x93, 0x80, 0x9D]).write(to: file)
        let source = try TextFileReader.read(file: file.path, path: "old.bib", legacy: true)
        #expect(source.text == "a\nM\u{FC}l\u{201C}\u{20AC}\u{9D}")
        #expect(source.legacyByte?.location == SitegenKit.SourceLocation(path: "old.bib", line: 2, column: 2))
        #expect(source.legacyByte?.byte == 0xFC)
        // Not a bibliography: an error, as before.
        #expect(throws: Diagnostic.self) { try TextFileReader.read(file: file.path, path: "old.md") }
        // UTF-8 text is never read as Windows-1252, and has no legacy byte.
        try Data("M\u{FC}ller".utf8).write(to: file)
        #expect(try TextFileReader.read(file: file.path, path: "old.bib", legacy: true).legacyByte == nil)
        // A NUL byte: not text of any one-byte encoding.
        try Data([0x41, 0x00, 0xFC]).write(to: file)
        #expect(throws: Diagnostic.self) { try TextFileReader.read(file: file.path, path: "old.bib", legacy: true) }
    }

    /// A file of another encoding in which two bytes happen to make a UTF-8 letter (GBK's `DA BF` in 期刊, "journal") is
    /// not UTF-8 with a stray byte to retype: a Chinese one says what it is, with the command that converts it, and a
    /// Latin-1 bibliography is read as one. A letter of UTF-8 for each two bytes that are none is still a stray byte.
    @Test func aFileOfAnotherEncodingIsNotTakenForUTF8ByALetterOfItByChance() throws {
        let folder = try TestSite([:])
        defer { folder.remove() }
        let file = folder.root.appendingPathComponent("refs.bib")
        // python-bibtexparser's tests/resources/gbk_test.bib: 凯撒2013, by 凯撒, in 测试期刊.
        let name: [UInt8] = [0xBF, 0xAD, 0xC8, 0xF6], journal: [UInt8] = [0xB2, 0xE2, 0xCA, 0xD4, 0xC6, 0xDA, 0xBF, 0xAF]
        try Data(Array("@ARTICLE{".utf8) + name + Array("2013,\n  author = {".utf8) + name
            + Array("},\n  title = {Test Title},\n  year = {2013},\n  journal = {".utf8) + journal + Array("}\n}\n".utf8)).write(to: file)
        for legacy in [true, false] {
            expectDiagnostic(
                "Content/bibliography/refs.bib:1:10: error: file is not UTF-8: 14 bytes in it are none (the first here, 0xBF), and they come in"
                    + " pairs, as a Chinese, Japanese or Korean encoding writes its characters; convert it from the encoding it is in, as 'iconv -f"
                    + " GBK -t UTF-8 refs.bib > refs.utf8.bib' does from GBK (simplified Chinese; others are GB18030, BIG5, SHIFT_JIS and EUC-KR),"
                    + " and remove refs.bib"
            ) { () throws(Diagnostic) in
                _ = try TextFileReader.read(file: file.path, path: "Content/bibliography/refs.bib", legacy: legacy)
            }
        }
        // Latin-1 names, one of them followed by a character that makes a UTF-8 letter with it (`Ã` `©`).
        let latin1 = Array("@book{a, author = {M".utf8) + [0xFC] + Array("ller, J".utf8) + [0xF6] + Array("rg and Gr".utf8) + [0xFC, 0xDF]
            + Array("e, A and B".utf8) + [0xC3, 0xA9] + Array("n, C}, title = {Caf".utf8) + [0xE9] + Array("}}\n".utf8)
        try Data(latin1).write(to: file)
        let source = try TextFileReader.read(file: file.path, path: "refs.bib", legacy: true)
        #expect(source.text == "@book{a, author = {M\u{FC}ller, J\u{F6}rg and Gr\u{FC}\u{DF}e, A and B\u{C3}\u{A9}n, C}, title = {Caf\u{E9}}}\n")
        #expect(source.legacyByte?.byte == 0xFC)
        // Two bytes that are none beside one letter of UTF-8: stray bytes in a UTF-8 file.
        try Data(Array("@book{a, title = {\u{E9}t".utf8) + [0xE9, 0x20, 0xE8] + Array("}}\n".utf8)).write(to: file)
        expectDiagnostic("refs.bib:1:22: error: file is not valid UTF-8 (byte 0xE9 here, though the rest of the file is UTF-8); retype the character here, or delete it") {
            () throws(Diagnostic) in _ = try TextFileReader.read(file: file.path, path: "refs.bib", legacy: true)
        }
    }
}
