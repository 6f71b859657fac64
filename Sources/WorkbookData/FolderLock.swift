import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One run at a time per output folder: two runs writing one folder would mix their reports,
/// checkpoints and figures. The lock is an exclusive flock on the folder itself (no file is left
/// behind), held until the process ends, when the system releases it, however the run ends.
public enum FolderLock {
    /// Locks `folder` for this process, or says which run holds it. The descriptor is kept open on
    /// purpose for the rest of the process: closing it would release the lock.
    public static func hold(_ folder: String) throws {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw WorkbookError.io("cannot open the output folder \(folder) to lock it")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            close(descriptor)
            throw WorkbookError.io(
                busy
                    ? "another run is writing into \(folder) "
                        + "(its reports, checkpoint and figures would mix with this run's); "
                        + "wait for it to finish, or give this run another --out"
                    : "cannot lock the output folder \(folder): \(String(cString: strerror(errno)))")
        }
    }
}
