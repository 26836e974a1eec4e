/// The held lock of an output folder.
package struct OutputFolderLock {
    package let release: () -> Void

    package init(release: @escaping () -> Void) { self.release = release }
}
