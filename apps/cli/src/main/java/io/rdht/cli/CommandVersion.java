package io.rdht.cli;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What {@code --version} prints for each of rdht's commands: the command's name and rdht's version. */
public final class CommandVersion implements IVersionProvider {

    /** rdht's version, as its build names it. */
    public static final String NUMBER = "0.1.0";

    @Spec
    private CommandSpec spec;

    /** {@return one line: the top command's name and the version, e.g. {@code sensor 0.1.0}} */
    @Override
    public String[] getVersion() {
        return new String[] {spec.root().name() + " " + NUMBER};
    }
}
