package pdf

import (
	"fmt"
	"testing"
)

func TestUnprintable(t *testing.T) {
	tests := []struct {
		in   string
		want string // the runes, as %U
	}{
		{"Maks Bokaev", "[]"},
		{"Талғат Аян, Ұлжан, Әсем", "[]"},
		{"Łódź, Ærøskøbing, Ștefan, Ελλάδα", "[]"},
		{"e\u0301cole", "[]"},            // e + combining acute composes to é
		{"soft\u00adhyphen\u200b", "[]"}, // left out on purpose
		{"ﬀ and ＡＢ", "[]"},               // printed as ff and AB
		{"سعيد", "[]"},
		{"نرگس محمدی، می‌نویسم، فورًا", "[]"}, // Persian letters, ZWNJ, a mark
		{"لا إله إلا الله ١٢٣ ۴۵۶", "[]"},
		{"ܐܒ", "[U+0710 U+0712]"}, // Syriac: no font
		{"王伟", "[U+738B U+4F1F]"},
		{"Nguyễn", "[U+1EC5]"},        // would print as Nguyen
		{"a\u0327\u0308", "[U+0327]"}, // ä composes; no a with a cedilla exists
		{"smile 😀", "[U+1F600]"},
		{"नमस्ते", "[U+0928 U+092E U+0938 U+094D U+0924 U+0947]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprintf("%U", Unprintable(tt.in)); got != tt.want {
			t.Errorf("Unprintable(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
