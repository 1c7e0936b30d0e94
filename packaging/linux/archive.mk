# Installs Fail Forward from this folder (made by scripts/package.sh).
#
#   sudo make install        for everyone, under /usr/local (PREFIX=/usr/local)
#   sudo make uninstall      removes it again
#   make user-install        just for you, under ~/.local
#   make user-uninstall      removes that
#
# DESTDIR puts everything under another root, for packagers.

PREFIX ?= /usr/local
AppID := app.failforward.practice
Exec := failforward
# Every file under share/: the desktop entry, the icons, the AppStream
# metainfo and the man page.
SHARE := $(shell cd @PREFIX@ && find share -type f | LC_ALL=C sort)

default:
	@sed -n '3,6s/^# *//p' Makefile

install:
	install -Dm00755 @PREFIX@/bin/$(Exec) $(DESTDIR)$(PREFIX)/bin/$(Exec)
	for f in $(SHARE); do install -Dm00644 @PREFIX@/$$f $(DESTDIR)$(PREFIX)/$$f || exit 1; done

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/$(Exec)
	for f in $(SHARE); do rm -f $(DESTDIR)$(PREFIX)/$$f; done

user-install:
	install -Dm00755 @PREFIX@/bin/$(Exec) $(HOME)/.local/bin/$(Exec)
	for f in $(SHARE); do install -Dm00644 @PREFIX@/$$f $(HOME)/.local/$$f || exit 1; done
	sed -i -e "s,^Exec=$(Exec)$$,Exec=$(HOME)/.local/bin/$(Exec)," $(HOME)/.local/share/applications/$(AppID).desktop

user-uninstall:
	rm -f $(HOME)/.local/bin/$(Exec)
	for f in $(SHARE); do rm -f $(HOME)/.local/$$f; done

.PHONY: default install uninstall user-install user-uninstall
