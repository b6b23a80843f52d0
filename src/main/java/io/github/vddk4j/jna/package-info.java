/**
 * Raw JNA mirror of VMware's {@code libvixDiskLib} (VDDK 6.7 to 9.0), C names verbatim.
 *
 * <ul>
 *   <li>{@link io.github.vddk4j.jna.VixDiskLibLoader} finds and loads the library (preloading the
 *       distribution's bundled dependencies) and returns a {@link io.github.vddk4j.jna.LoadedVixDiskLib}:
 *       the function proxy {@link io.github.vddk4j.jna.VixDiskLib}, the direct-mapped data path
 *       {@link io.github.vddk4j.jna.VixDiskLibDataPath}, and the VDDK major version.</li>
 *   <li>Structures with the exact x86-64 layouts ({@code VixDiskLibInfo}, {@code VixDiskLibGeometry},
 *       {@code VixDiskLibCreateParams}, {@code VixDiskLibBlock}/{@code BlockList}, the 9.0 structs) and the
 *       accessor {@link io.github.vddk4j.jna.VixDiskLibConnectParams} over the library-allocated
 *       connect parameters.</li>
 *   <li>Callback types ({@code VixDiskLibGenericLogFunc}, {@code VixDiskLibCompletionCB},
 *       {@code VixDiskLibProgressFunc}); what the log callbacks do lives in the logging package.
 *       {@link io.github.vddk4j.jna.DirectCallbacks} gives the native address of a JNA direct
 *       callback (primitive arguments only), for the callbacks VDDK calls often.</li>
 *   <li>Constants: {@link io.github.vddk4j.jna.VixErrors}, {@link io.github.vddk4j.jna.VixDiskLibConstants}.</li>
 * </ul>
 * {@link io.github.vddk4j.jna.VixDiskLibFunction} is the table of the C API (checked against
 * {@code native-stubs/api/functions.tsv}). This package imports nothing of vddk4j above it.
 * Nothing here is part of the public idiomatic API ({@code io.github.vddk4j}); x86-64 Linux (LP64).
 */
package io.github.vddk4j.jna;
