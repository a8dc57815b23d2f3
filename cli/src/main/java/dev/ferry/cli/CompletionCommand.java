package dev.ferry.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry completion bash|zsh}: prints a completion script. The script is picocli's bash
 * completion, which also runs under zsh: it loads zsh's {@code bashcompinit} itself when it
 * sees {@code $ZSH_VERSION}. Use with {@code source <(ferry completion bash)} in ~/.bashrc, or
 * {@code source <(ferry completion zsh)} in ~/.zshrc.
 */
@Command(name = "completion", description = "Print a shell completion script: source <(ferry completion bash|zsh).")
public final class CompletionCommand implements Callable<Integer> {
  /** The shells the script serves. */
  public enum Shell { bash, zsh }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** SPEC §2's common options: --json wraps the script in a document; --home is accepted and unused. */
  @CommandLine.Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  @Override
  public Integer call() {
    String script = AutoComplete.bash("ferry", spec.root().commandLine());
    if (shell == Shell.zsh && !script.contains("bashcompinit")) {
      script = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
    }
    if (common.json()) {
      spec.commandLine().getOut().println(dev.ferry.protocol.Json.adapter(java.util.Map.class)
          .toJson(java.util.Map.of("shell", shell.name(), "script", script)));
    } else {
      spec.commandLine().getOut().print(script);
    }
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
