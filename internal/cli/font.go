package cli

import (
	"appeal/internal/pdf"

	"github.com/spf13/cobra"
)

// fontFlag adds --font, the fallback font for names in scripts the
// letter fonts lack, to a command that checks or makes letters.
func fontFlag(cmd *cobra.Command, file *string) {
	cmd.Flags().StringVar(file, "font", "", "a TrueType font (.ttf) for names in scripts the letter fonts lack, such as Chinese or Devanagari (default: one installed, found with fontconfig)")
	_ = cmd.MarkFlagFilename("font", "ttf")
}

// useFonts sets the fallback fonts for the process: file, then the
// system's, unless $APPEAL_NO_SYSTEM_FONTS is set (for tests, or to make
// letters that do not depend on the fonts installed). A file appeal
// cannot use is bad usage.
func useFonts(e *env, file string) error {
	if err := pdf.SetFallback(pdf.Fallback{File: file, System: e.Getenv("APPEAL_NO_SYSTEM_FONTS") == ""}); err != nil {
		return usagef("--font: %w", err)
	}
	return nil
}
