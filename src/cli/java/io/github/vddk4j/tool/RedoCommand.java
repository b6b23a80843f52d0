package io.github.vddk4j.tool;

import io.github.vddk4j.DiskHandle;
import io.github.vddk4j.DiskType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code redo <parent> <child>}: VixDiskLib_CreateChild (a redo log over the parent). */
@Command(name = "redo", mixinStandardHelpOptions = true,
        description = "Create a child (redo log) disk over a parent disk (VixDiskLib_CreateChild).")
final class RedoCommand extends DiskCommand {
    @Parameters(index = "0", paramLabel = "PARENT", description = "the parent disk")
    String parent;

    @Parameters(index = "1", paramLabel = "CHILD", description = "path of the new child .vmdk")
    String child;

    @Mixin
    JsonOption json = new JsonOption();

    @Override
    int run() throws Exception {
        return onDisk(parent, false, (s, p) -> {
            s.connection().diskManager().createChild(p, s.diskPath(child), DiskType.MONOLITHIC_SPARSE);
            report(json, Reports.object("parent", parent, "child", child, "type", DiskType.MONOLITHIC_SPARSE.name()),
                    out -> out.println("created child " + child + " over " + parent));
        });
    }
}
