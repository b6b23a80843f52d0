# gen_map.awk -- api/functions.tsv -> the linker version script of libvixDiskLib.
# Run with -v major=N: each function goes into the node of the ELF version that introduced
# it (VIXDISKLIB_1.0 ... 9.0, each node inheriting the previous one), and only versions up
# to VDDK N.x are emitted, as the real library of that release has. VixDiskLibStub_* (the
# control API) is VIXDISKLIBSTUB_1.0. Everything else is local.
BEGIN { FS = "\t" }
/^#/ || /^function\t/ || NF == 0 { next }
{
   v = $2
   sub(/^VIXDISKLIB_/, "", v)
   split(v, mm, ".")
   if (mm[1] + 0 > major + 0) next
   if (!(v in seen)) {
      seen[v] = ++nv
      ver[nv] = v
      key[nv] = mm[1] * 1000 + mm[2]
   }
   fns[v] = fns[v] "      " $1 ";\n"
}
END {
   # order the versions numerically (insertion sort; there are eight)
   for (i = 2; i <= nv; i++)
      for (j = i; j > 1 && key[j - 1] > key[j]; j--) {
         t = ver[j]; ver[j] = ver[j - 1]; ver[j - 1] = t
         t = key[j]; key[j] = key[j - 1]; key[j - 1] = t
      }
   print "/* Generated from api/functions.tsv by tools/gen_map.awk for VDDK " major ".x. Do not edit. */"
   for (i = 1; i <= nv; i++) {
      printf "VIXDISKLIB_%s {\n   global:\n%s", ver[i], fns[ver[i]]
      if (i == 1) printf "   local:\n      *;\n"
      printf "}%s;\n\n", i == 1 ? "" : " VIXDISKLIB_" ver[i - 1]
   }
   print "VIXDISKLIBSTUB_1.0 {\n   global:\n      VixDiskLibStub_*;\n};"
}
