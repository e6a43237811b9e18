import Foundation
import Synchronization

/// Ctrl-C as a flag. The signal handler only stores `true`; the training loop reads the flag
/// between batches, and the prompt treats an interrupted read as "clear the line".
public enum Interrupt {
  static let flag = Atomic<Bool>(false)

  public static var requested: Bool { flag.load(ordering: .relaxed) }

  public static func clear() { flag.store(false, ordering: .relaxed) }

  /// Installs the SIGINT handler, without SA_RESTART, so that a blocked read at the prompt
  /// returns instead of waiting for more input.
  public static func install() {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in Interrupt.flag.store(true, ordering: .relaxed) }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(SIGINT, &action, nil)
    // A parent may have left SIGINT blocked (threads of a thread pool often block all signals,
    // and a blocked mask is inherited through exec); unblock it so Ctrl-C arrives.
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
  }
}
