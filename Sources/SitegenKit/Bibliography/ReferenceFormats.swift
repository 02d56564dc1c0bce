import Foundation

/// Formatted entries shared by the articles of one build, so that a source cited by many articles is
/// formatted once. Safe to use from the parallel rendering tasks.
public final class ReferenceFormats: @unchecked Sendable {
    private let formatter: VancouverFormatter
    private let lock = NSLock()
    private var formatted: [Reference: VancouverFormatter.Formatted] = [:]

    public init(formatter: VancouverFormatter = VancouverFormatter()) {
        self.formatter = formatter
    }

    public func format(_ reference: Reference) -> VancouverFormatter.Formatted {
        if let known = lock.withLock({ formatted[reference] }) { return known }
        // Two tasks may format the same entry at once; both get the same result, one is kept.
        let result = formatter.format(reference)
        lock.withLock { formatted[reference] = result }
        return result
    }
}
