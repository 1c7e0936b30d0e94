/*
 * A stand-in for Windows' bcryptprimitives.dll, for running Fail Forward
 * under Wine versions that lack it (Wine 8): every Go program for Windows
 * asks it for ProcessPrng at start. Windows 10 and 11 have the real one;
 * this is for tests only (scripts/wine.sh puts it in a test prefix) and
 * never ships.
 *
 * ProcessPrng fills the buffer from the system's random generator,
 * RtlGenRandom (exported by advapi32 as SystemFunction036), which takes at
 * most a ULONG at a time.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
	while (size > 0) {
		ULONG n = size > 0x40000000 ? 0x40000000 : (ULONG)size;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		size -= n;
	}
	return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
	(void)instance;
	(void)reason;
	(void)reserved;
	return TRUE;
}
