package pdf_test

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"appeal/internal/doc"
	"appeal/internal/pdf"
	"appeal/internal/pdftest"
)

func arabic() doc.Letter {
	return doc.Letter{
		Lang:       "ar",
		Sender:     []string{"مارغريت أوكونيل", "14 Elm Grove", "Leeds LS6 2AB", "المملكة المتحدة"},
		ReturnLine: "M. O'Connell · 14 Elm Grove · Leeds LS6 2AB · United Kingdom",
		Date:       "١٤ مارس ٢٠١٧",
		Recipient: []string{
			"معالي النائب العام",
			"المستشار محمد شوقي عياد",
			"مكتب النائب العام",
			"القاهرة الجديدة، القاهرة",
			"مصر",
		},
		Subject:    "بشأن: إبراهيم عز الدين، الإجراء العاجل UA 115/16",
		Salutation: "معالي النائب العام،",
		Body: []doc.Block{
			{Text: "أكتب إليكم للإعراب عن قلقي البالغ إزاء احتجاز الباحث إبراهيم عز الدين (Ibrahim Ezz El-Din)، الذي اختفى قسرًا منذ 11 يونيو/حزيران 2019، وهو الإجراء العاجل رقم UA 115/16."},
			{Text: "لذلك أدعوكم إلى:"},
			{Marker: "١.", Text: "الإفراج عنه فورًا ودون قيد أو شرط؛"},
			{Marker: "٢.", Text: "ضمان حمايته من التعذيب وغيره من ضروب المعاملة السيئة، وتمكينه من الاتصال بأسرته ومحاميه."},
			{Text: "شكرًا لاهتمامكم بهذا الأمر."},
		},
		Closing:   "وتفضلوا بقبول فائق الاحترام،",
		Signature: []string{"مارغريت أوكونيل"},
		CopyTo:    "نسخة إلى: المجلس القومي لحقوق الإنسان",
		PageOf:    "الصفحة %d من %d",
	}
}

func persian() doc.Letter {
	return doc.Letter{
		Lang:       "fa",
		Sender:     []string{"مارگارت اوکانل", "14 Elm Grove", "Leeds LS6 2AB", "بریتانیا"},
		ReturnLine: "M. O'Connell · 14 Elm Grove · Leeds LS6 2AB · United Kingdom",
		Date:       "۲۴ اسفند ۱۳۹۵",
		Recipient: []string{
			"جناب آقای غلامحسین محسنی اژه‌ای",
			"رئیس قوه قضاییه",
			"خیابان پانزده خرداد",
			"تهران",
			"ایران",
		},
		Subject:    "موضوع: نرگس محمدی، اقدام فوری UA 115/16",
		Salutation: "جناب آقای محسنی اژه‌ای،",
		Body: []doc.Block{
			{Text: "اینجانب با نگرانی عمیق درباره‌ی وضعیت خانم نرگس محمدی (Narges Mohammadi) می‌نویسم که از ۱۶ نوامبر ۲۰۲۱ در زندان اوین بازداشت است و به ۱۰ سال حبس محکوم شده است."},
			{Text: "از شما درخواست می‌کنم:"},
			{Marker: "۱.", Text: "او را فوراً و بدون قید و شرط آزاد کنید؛"},
			{Marker: "۲.", Text: "دسترسی منظم او به خانواده، وکیل و مراقبت‌های پزشکی را تضمین کنید."},
		},
		Closing:   "با احترام،",
		Signature: []string{"مارگارت اوکانل"},
		PageOf:    "صفحه %d از %d",
	}
}

// TestArabicText checks that pdftotext gives back the words of Arabic and
// Persian letters in logical order, on both papers, and that qpdf and
// pdffonts find the PDFs sound, each font embedded as a subset.
func TestArabicText(t *testing.T) {
	pdftest.Need(t, "pdftotext", "pdffonts", "qpdf")
	for _, l := range []doc.Letter{arabic(), persian()} {
		for _, p := range papers {
			t.Run(l.Lang+"/"+p.String(), func(t *testing.T) {
				path, counts := write(t, pdf.Options{Paper: p}, l)
				if counts[0] != 1 {
					t.Errorf("%d pages, want 1", counts[0])
				}
				pdftest.Check(t, path)
				got := pdftest.Tokens(pdftest.Text(t, path, 1, 1))
				paras := []string{l.Subject, l.Salutation, l.Date, l.Closing, l.CopyTo}
				paras = append(paras, l.Sender...)
				paras = append(paras, l.Recipient...)
				paras = append(paras, l.Signature...)
				for _, b := range l.Body {
					// pdftotext reads a list's markers as a column of their own.
					paras = append(paras, b.Marker, b.Text)
				}
				for _, s := range paras {
					if want := pdftest.Tokens(norm.NFC.String(s)); index(got, want, 0) < 0 {
						t.Errorf("pdftotext lacks %q in logical order;\ngot %q", want, got)
					}
				}
				fonts := pdftest.Fonts(t, path)
				names := map[string]bool{}
				for _, f := range fonts {
					names[f.Name[strings.IndexByte(f.Name, '+')+1:]] = true
				}
				for _, want := range []string{"NotoNaskhArabic-Regular", "NotoNaskhArabic-Bold", "LiberationSerif"} {
					if !names[want] {
						t.Errorf("fonts %v lack %s", fonts, want)
					}
				}
			})
		}
	}
}

// TestArabicWindow checks that the address of Arabic and Persian letters
// stays in the envelope window, right-aligned in it.
func TestArabicWindow(t *testing.T) {
	pdftest.Need(t, "pdftotext")
	const eps = 0.05
	for _, l := range []doc.Letter{arabic(), persian()} {
		for _, p := range papers {
			t.Run(l.Lang+"/"+p.String(), func(t *testing.T) {
				x, y, w, h := pdf.Window(p)
				path, _ := write(t, pdf.Options{Paper: p}, l)
				var want []string
				for _, line := range l.Recipient {
					want = append(want, pdftest.Tokens(line)...)
				}
				if p == pdf.A4 {
					want = append(want, pdftest.Tokens(l.ReturnLine)...)
				}
				var got []string
				right := 0.0
				for _, wd := range pdftest.Words(t, path, 1) {
					if wd.XMax < x || wd.XMin > x+w || wd.YMax < y || wd.YMin > y+h {
						continue
					}
					got = append(got, pdftest.Tokens(wd.Text)...)
					right = max(right, wd.XMax)
					if wd.XMin < x-eps || wd.XMax > x+w+eps || wd.YMin < y-eps || wd.YMax > y+h+eps {
						t.Errorf("%q at x %.1f–%.1f, y %.1f–%.1f mm crosses the window", wd.Text, wd.XMin, wd.XMax, wd.YMin, wd.YMax)
					}
				}
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Errorf("words in the window:\n got %q\nwant %q", got, want)
				}
				if right < x+w-5 {
					t.Errorf("address ends at %.1f mm, not right-aligned in the window (%.1f–%.1f)", right, x, x+w)
				}
			})
		}
	}
}

// TestArabicListMarker checks that a list marker with Latin digits in a
// right-to-left letter ("1-") is drawn right to left, as "١-" is: the
// digit at the right, the hyphen at its left (drawn left to right, an
// Arabic reader would read "-1").
func TestArabicListMarker(t *testing.T) {
	pdftest.Need(t, "pdftotext")
	for _, marker := range []string{"1-", "١-"} {
		t.Run(marker, func(t *testing.T) {
			l := arabic()
			l.Body = []doc.Block{
				{Text: "لذلك أدعوكم إلى:"},
				{Marker: marker, Text: "الإفراج عنه فورًا ودون قيد أو شرط؛"},
			}
			path, _ := write(t, pdf.Options{Paper: pdf.A4}, l)
			digit := strings.TrimSuffix(marker, "-")
			found := false
			for _, wd := range pdftest.Words(t, path, 1) {
				if wd.Text != marker && wd.Text != "-"+digit {
					continue
				}
				// Words gives a word with Arabic in it in logical order:
				// back to the order of its glyphs on the page.
				vis := []rune(wd.Text)
				if strings.ContainsFunc(wd.Text, func(r rune) bool { return unicode.Is(unicode.Arabic, r) }) {
					slices.Reverse(vis)
				}
				if got, want := string(vis), "-"+digit; got != want {
					t.Errorf("marker drawn %q from left to right, want %q (the digit right of the hyphen)", got, want)
				}
				found = true
			}
			if !found {
				t.Fatalf("marker %q not found", marker)
			}
		})
	}
}

// TestArabicClosing checks where the closing stands: in an Arabic letter
// a paragraph at the right margin, in a Persian one in the left half of
// the page, centred over the signature, which stands there in both.
func TestArabicClosing(t *testing.T) {
	pdftest.Need(t, "pdftotext")
	for _, l := range []doc.Letter{arabic(), persian()} {
		t.Run(l.Lang, func(t *testing.T) {
			path, _ := write(t, pdf.Options{Paper: pdf.A4}, l)
			words := pdftest.Words(t, path, 1)
			// find returns the last word s below y mm.
			find := func(s string, below float64) pdftest.Word {
				for i := len(words) - 1; i >= 0; i-- {
					if w := words[i]; w.Text == s && w.YMin > below {
						return w
					}
				}
				t.Fatalf("%q not found below %.1f mm", s, below)
				return pdftest.Word{}
			}
			first := strings.Fields(l.Body[0].Text)[0]
			margin := 0.0
			for _, w := range words {
				if w.Text == first {
					margin = w.XMax // the first paragraph's first word
					break
				}
			}
			closing := find(strings.Fields(l.Closing)[0], 0)
			sig := find(strings.Fields(l.Signature[0])[0], closing.YMax)
			if sig.XMax > 105 {
				t.Errorf("signature ends at %.1f mm, not in the left half", sig.XMax)
			}
			if l.Lang == "ar" {
				if closing.XMax < margin-0.5 {
					t.Errorf("closing ends at %.1f mm, not at the right margin (%.1f mm)", closing.XMax, margin)
				}
			} else if closing.XMax > 105 {
				t.Errorf("closing ends at %.1f mm, not in the left half", closing.XMax)
			}
		})
	}
}
