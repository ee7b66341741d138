// glibc's malloc_trim, which Glibc's module does not export (see Resolvers' FreedMemory).
#include <malloc.h>
