import Foundation

/// The entries of one folder, read with `readdir`: a serve rebuild lists every file of the site, and
/// Foundation's enumerator with resource values cost more than the rest of a one-article rebuild.
enum FolderListing {
    enum Kind {
        case file, folder
        /// A symbolic link (never followed), anything else, or an entry gone before it could be looked at.
        case other
    }

    /// The folder's entries but `.` and `..`, in directory order, with what each is: `d_type`, or `lstat` where
    /// the file system does not say. Empty when the folder cannot be opened.
    static func entries(of path: String) -> [(name: String, kind: Kind)] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var entries: [(name: String, kind: Kind)] = []
        // The record `readdir` returns is only as long as its name: reading the whole `dirent` (as `entry.pointee`
        // does) can run past the end of the kernel's buffer and crash. Name and type are read in place.
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        let typeOffset = MemoryLayout<dirent>.offset(of: \dirent.d_type)!
        while let entry = readdir(directory) {
            let record = UnsafeRawPointer(entry)
            let name = String(cString: record.advanced(by: nameOffset).assumingMemoryBound(to: CChar.self))
            if name == "." || name == ".." { continue }
            var type = record.load(fromByteOffset: typeOffset, as: UInt8.self)
            if type == DT_UNKNOWN {
                var status = stat()
                let format = lstat(path + "/" + name, &status) == 0 ? status.st_mode & S_IFMT : 0
                type = format == S_IFDIR ? UInt8(DT_DIR) : format == S_IFREG ? UInt8(DT_REG) : UInt8(DT_LNK)
            }
            entries.append((name, type == DT_DIR ? .folder : type == DT_REG ? .file : .other))
        }
        return entries
    }
}
