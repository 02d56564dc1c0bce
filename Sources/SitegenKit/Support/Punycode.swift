import Foundation

/// A host name as an address writes it: each label with letters beyond ASCII in Punycode (RFC 3492) after `xn--`,
/// as browsers send it (`bücher.example` is `xn--bcher-kva.example`). Feeds and sitemaps must hold such addresses.
enum Punycode {
    /// The host, its labels in Unicode's composed form and lowercase, each one beyond ASCII encoded.
    static func asciiHost(_ host: String) -> String {
        host.precomposedStringWithCanonicalMapping.lowercased().split(separator: ".", omittingEmptySubsequences: false).map { label in
            label.unicodeScalars.allSatisfy(\.isASCII) ? String(label) : "xn--" + encode(Array(label.unicodeScalars.map(\.value)))
        }.joined(separator: ".")
    }

    private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700

    /// RFC 3492's encoding of the code points: the ASCII ones as they are, then after a `-` the others as the
    /// deltas of their values and places, in base 36.
    static func encode(_ input: [UInt32]) -> String {
        var output = input.filter { $0 < 0x80 }.map { Character(Unicode.Scalar(UInt8($0))) }
        let basic = output.count
        if basic > 0 { output.append("-") }
        var n = 0x80, delta = 0, bias = 72, handled = basic
        while handled < input.count {
            let next = Int(input.filter { Int($0) >= n }.min() ?? 0)
            delta += (next - n) * (handled + 1)
            n = next
            for value in input.map(Int.init) {
                if value < n { delta += 1 }
                guard value == n else { continue }
                var q = delta, k = base
                while true {
                    let t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias
                    if q < t { break }
                    output.append(digit(t + (q - t) % (base - t)))
                    q = (q - t) / (base - t)
                    k += base
                }
                output.append(digit(q))
                bias = adapt(delta, points: handled + 1, first: handled == basic)
                delta = 0
                handled += 1
            }
            delta += 1
            n += 1
        }
        return String(output)
    }

    private static func digit(_ value: Int) -> Character {
        Character(Unicode.Scalar(UInt8(value < 26 ? 0x61 + value : 0x30 + value - 26)))
    }

    private static func adapt(_ delta: Int, points: Int, first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / points
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }
}
