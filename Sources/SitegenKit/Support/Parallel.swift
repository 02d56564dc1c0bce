import Foundation
import Synchronization

/// Work spread over all cores.
enum Parallel {
    /// How many cores `map` uses; nil for all. Tests set 1 to compare with a sequential build.
    @TaskLocal static var workers: Int?

    /// Maps values on all cores, keeping their order. One task a core takes the next few values until none are left,
    /// so that no core idles while another finishes a long share (fixed chunks left one core working alone for
    /// about a tenth of a 10,000-article build).
    ///
    /// - Parameter chunked: whether a task takes a few values at a time (many small values) or one (a few large
    ///   ones of uneven size).
    static func map<T: Sendable, R: Sendable>(
        _ values: [T], chunked: Bool = true, _ transform: @escaping @Sendable (T) -> R
    ) async -> [R] {
        await mapBatches(values, batch: chunked ? nil : 1) { batch in batch.map(transform) }
    }

    /// Maps values on all cores, keeping their order, a few at a time: `transform` gets a run of consecutive values
    /// (a batch) and returns a result for each, so that it can take each step for all of them before the next (what
    /// a step reads, a template say, is then still in the core's caches for the next value).
    ///
    /// - Parameter batch: how many values a task takes at a time; nil for a few (more when there are many).
    static func mapBatches<T: Sendable, R: Sendable>(
        _ values: [T], batch: Int? = nil, _ transform: @escaping @Sendable (ArraySlice<T>) -> [R]
    ) async -> [R] {
        let workers = Self.workers ?? ProcessInfo.processInfo.activeProcessorCount
        let batch = batch ?? max(1, min(16, values.count / (workers * 8)))
        guard values.count > 1, workers > 1 else {
            return stride(from: 0, to: values.count, by: batch).flatMap { start in transform(values[start..<min(start + batch, values.count)]) }
        }
        let queue = WorkQueue(count: values.count, batch: batch)
        return await withTaskGroup(of: [(Range<Int>, [R])].self) { group in
            for _ in 0..<min(workers, values.count) {
                group.addTask {
                    var done: [(Range<Int>, [R])] = []
                    while let range = queue.next() {
                        let results = transform(values[range])
                        precondition(results.count == range.count, "a batch's transform returns one result per value")
                        done.append((range, results))
                    }
                    return done
                }
            }
            var results: [R?] = Array(repeating: nil, count: values.count)
            for await done in group {
                for (range, batch) in done {
                    for (index, result) in zip(range, batch) { results[index] = result }
                }
            }
            // The queue hands out every index exactly once.
            return results.compactMap { $0 }
        }
    }
}

/// Hands out the indices `0..<count` in ranges of `batch`, to tasks that ask concurrently.
private final class WorkQueue: Sendable {
    private let start = Mutex(0)
    private let count: Int
    private let batch: Int

    init(count: Int, batch: Int) {
        self.count = count
        self.batch = batch
    }

    func next() -> Range<Int>? {
        start.withLock { start in
            guard start < count else { return nil }
            defer { start = min(start + batch, count) }
            return start..<min(start + batch, count)
        }
    }
}
