// Package widgets holds what the screens of the window share: the
// key-forwarding wrappers of Fyne's controls (Button, Select, Check, List,
// Entry), all routed the same way through Keys; the focus ring; a scroll
// container that scales the mouse wheel for long forms; text and layout
// helpers; a dialog answered by keys; and the small widgets (the level
// meter, the seek bar, the countdown text, the phase band, the recording
// dot).
//
// It imports Fyne and the domain packages, never ui or a screen package.
// Everything here must be used on the Fyne goroutine; nothing here starts
// a goroutine.
package widgets
