// Package output writes finished letters to disk safely: file names made
// from case data are reduced to harmless slugs, nothing existing is
// overwritten unless asked, and every file is written under a temporary
// name and renamed when complete, so no half-written letter is ever left.
package output

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slug makes s safe as one file-name segment on every common file system:
// lower case ASCII letters, digits and single hyphens, at most 64 bytes.
// Letters with diacritics lose them; Cyrillic is transliterated; other
// scripts are dropped. It never returns "", "." or "..": an empty result
// becomes fallback; nor a name Windows keeps for a device (CON, NUL,
// COM1, …), which gets a trailing underscore.
func Slug(s, fallback string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = unicode.ToLower(r)
		var part string
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			part = string(r)
		case translit[r] != "":
			part = translit[r]
		case r == '_':
			part = "_"
		}
		if part == "" {
			hyphen = b.Len() > 0
			continue
		}
		if hyphen {
			b.WriteByte('-')
			hyphen = false
		}
		b.WriteString(part)
		if b.Len() >= 64 {
			break
		}
	}
	out := strings.Trim(b.String(), "-_")
	if len(out) > 64 {
		out = strings.Trim(out[:64], "-_")
	}
	if out == "" {
		return fallback
	}
	if reserved(out) {
		return out + "_" // "con" names a device on Windows, "con_" a file
	}
	return out
}

// reserved reports whether name is one Windows keeps for devices, alone
// or before an extension: CON, PRN, AUX, NUL, COM1-9, LPT1-9.
func reserved(name string) bool {
	base, _, _ := strings.Cut(name, ".")
	switch base {
	case "con", "prn", "aux", "nul":
		return true
	}
	return len(base) == 4 && (strings.HasPrefix(base, "com") || strings.HasPrefix(base, "lpt")) && base[3] >= '1' && base[3] <= '9'
}

// translit spells letters that have no ASCII decomposition: Russian and
// Kazakh Cyrillic, a few Latin letters, and the Arabic script of Arabic
// and Persian (its consonants and long vowels, as the script writes no
// short vowels: "مریم رضایی" -> "mrim-rzaii"; enough to tell whose letter
// a file is), with both kinds of Arabic digits.
var translit = map[rune]string{
	'ł': "l", 'ø': "o", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'đ': "d", 'ı': "i", 'þ': "th",
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z",
	'и': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ы': "y", 'э': "e", 'ю': "iu", 'я': "ia", 'ә': "a", 'ғ': "gh", 'қ': "q", 'ң': "ng", 'ө': "o",
	'ұ': "u", 'ү': "u", 'һ': "h", 'і': "i",
	'ا': "a", 'ب': "b", 'پ': "p", 'ت': "t", 'ث': "s", 'ج': "j", 'چ': "ch", 'ح': "h", 'خ': "kh",
	'د': "d", 'ذ': "z", 'ر': "r", 'ز': "z", 'ژ': "zh", 'س': "s", 'ش': "sh", 'ص': "s", 'ض': "z",
	'ط': "t", 'ظ': "z", 'ع': "a", 'غ': "gh", 'ف': "f", 'ق': "q", 'ک': "k", 'ك': "k", 'گ': "g",
	'ل': "l", 'م': "m", 'ن': "n", 'و': "u", 'ه': "h", 'ة': "a", 'ی': "i", 'ي': "i", 'ى': "a", 'ء': "a",
	'٠': "0", '١': "1", '٢': "2", '٣': "3", '٤': "4", '٥': "5", '٦': "6", '٧': "7", '٨': "8", '٩': "9",
	'۰': "0", '۱': "1", '۲': "2", '۳': "3", '۴': "4", '۵': "5", '۶': "6", '۷': "7", '۸': "8", '۹': "9",
}

// File is one file to write: a path relative to the output directory and its contents.
type File struct {
	Path string
	Data []byte
}

// ErrExists is returned by Check when a file would be overwritten.
var ErrExists = errors.New("file exists")

// Check returns an error naming the first file that already exists under
// dir, unless force is set. Call it for the whole batch before writing any.
func Check(dir string, files []File, force bool) error {
	if force {
		return nil
	}
	var existing []string
	for _, f := range files {
		p := filepath.Join(dir, f.Path)
		if _, err := os.Lstat(p); err == nil {
			existing = append(existing, p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	switch len(existing) {
	case 0:
		return nil
	case 1:
		return fmt.Errorf("%w: %s; use --force to overwrite it", ErrExists, existing[0])
	}
	return fmt.Errorf("%w: %s and %d more; use --force to overwrite them", ErrExists, existing[0], len(existing)-1)
}

// Write writes f under dir: to a temporary file in the same folder, synced,
// then renamed into place.
func Write(dir string, f File) error { return write(dir, f, true) }

// WritePrivate is Write for a file that holds many people's names and
// addresses (a print file): its temporary file is readable by its owner
// only, until it is whole.
func WritePrivate(dir string, f File) error { return writeWithin(dir, f, 0o644) }

// WriteOwnerOnly is Write for a file that stays readable by its owner
// only (a writers file a server collects).
func WriteOwnerOnly(dir string, f File) error { return writeWithin(dir, f, 0o600) }

// writeWithin writes f owner-only, synced, and gives it mode once whole.
func writeWithin(dir string, f File, mode os.FileMode) error {
	p := filepath.Join(dir, f.Path)
	tmp, err := writeTempMode(p, f.Data, true, 0o600)
	if err != nil {
		return err
	}
	if mode != 0o600 {
		err = os.Chmod(tmp, mode)
	}
	if err == nil {
		err = os.Rename(tmp, p)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// SweepTemps removes the temporary files an interrupted Write of p left
// beside it.
func SweepTemps(p string) error {
	matches, err := filepath.Glob(filepath.Join(filepath.Dir(p), "."+globEscape(filepath.Base(p))+".*.tmp"))
	if err != nil {
		return err
	}
	for _, m := range matches {
		if err := os.Remove(m); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

func globEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`).Replace(s)
}

// WriteFast is Write without the sync: the rename still makes the file
// appear whole or not at all if the process is killed, but a power cut may
// lose it. For batches of thousands, where a sync per file costs more than
// the letter.
func WriteFast(dir string, f File) error { return write(dir, f, false) }

// WriteAll writes every file under dir, all or nothing: each goes to a
// temporary file next to its place, synced; only when all are written are
// they renamed into place. If any fails (a full disk at the last letter),
// the temporary files are removed and no file appears.
//
// WriteAll stops, leaving nothing, when ctx is cancelled before the
// renames begin.
func WriteAll(ctx context.Context, dir string, files []File) error {
	temps := make([]string, 0, len(files))
	defer func() {
		for _, t := range temps {
			os.Remove(t) // no-op once renamed
		}
	}()
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		tmp, err := writeTemp(filepath.Join(dir, f.Path), f.Data, true)
		if err != nil {
			return fmt.Errorf("writing %s: %w", filepath.Join(dir, f.Path), err)
		}
		temps = append(temps, tmp)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, f := range files {
		if err := os.Rename(temps[i], filepath.Join(dir, f.Path)); err != nil {
			for _, done := range files[:i] {
				os.Remove(filepath.Join(dir, done.Path))
			}
			return err
		}
	}
	return nil
}

// IsTemp reports whether name is one of Write's temporary files.
func IsTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.HasSuffix(name, ".tmp")
}

func write(dir string, f File, sync bool) error {
	p := filepath.Join(dir, f.Path)
	tmp, err := writeTemp(p, f.Data, sync)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, p); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// writeTemp writes data to a new temporary file next to p, creating p's
// folder, and returns its name. On error it leaves nothing behind.
func writeTemp(p string, data []byte, sync bool) (string, error) {
	return writeTempMode(p, data, sync, 0o644)
}

// writeTempMode makes p's folder only when the file cannot be created
// without it: in a batch of thousands most folders exist already, and a
// look at each before every file costs more than the rare retry.
func writeTempMode(p string, data []byte, sync bool, mode os.FileMode) (string, error) {
	tmp, err := createTemp(p, data, sync, mode)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return "", err
		}
		tmp, err = createTemp(p, data, sync, mode)
	}
	return tmp, err
}

// createTemp writes data to a new file next to p, named so IsTemp knows
// it, with the permissions of the final file (os.CreateTemp would make it
// 0600 and cost a chmod), and returns its name.
func createTemp(p string, data []byte, sync bool, mode os.FileMode) (string, error) {
	for range 100 {
		name := filepath.Join(filepath.Dir(p), fmt.Sprintf(".%s.%d.tmp", filepath.Base(p), rand.Uint32()))
		err := writeNew(name, data, sync, mode)
		if !errors.Is(err, fs.ErrExist) {
			return name, err
		}
	}
	return "", fmt.Errorf("cannot create a temporary file next to %s", p)
}

// writeNew creates name, which must not exist, writes data to it, and
// syncs it if asked. On error it leaves nothing behind.
func writeNew(name string, data []byte, sync bool, mode os.FileMode) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil && sync {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
	}
	return err
}

// Defuse writes a cell that starts like a spreadsheet formula (=, +, -, @,
// a tab or a carriage return, as OWASP's CSV injection advice lists them)
// after an apostrophe, which spreadsheets show as text; a cell that starts
// with an apostrophe gets one more, so that Undefuse gives back any cell.
func Defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r'", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Undefuse is the cell Defuse wrote, as it was.
func Undefuse(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r'", rune(s[1])) {
		return s[1:]
	}
	return s
}
