package assets

import _ "embed"

// Icon is the application icon, a 512x512 PNG drawn for the project
// (icon.svg is its source).
//
//go:embed icon.png
var Icon []byte
