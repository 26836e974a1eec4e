/// What a temporary file's name says about who made it: `.<name>.<owner>-tmp-<pid>-<random>`.
/// A build removes only its own (`build`) leftovers, an edit only its own (`edit`), so that
/// neither deletes the other's file in flight when the output is the schedule's folder.
package enum TemporaryFileOwner: String {
    case build, edit
}
