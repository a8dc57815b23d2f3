package dev.ferry.ipc.methods;

/**
 * {@code conflicts.resolve}'s answer, after the folder's run that carried the decision out.
 *
 * @param result the run's result (ok, attention, failed)
 * @param notes what the run did about it
 */
public record ConflictResolveResult(String folder, String path, String keep, String result, java.util.List<String> notes,
    String error) {
  public ConflictResolveResult {
    notes = notes == null ? java.util.List.of() : java.util.List.copyOf(notes);
  }
}
