package practice

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

// FuzzDecodeTake feeds take.json bytes to the decoder behind Load and List.
// It must never panic; it either accepts the take or gives a reason and a
// kind the library shows. A take it accepts must survive Save's encoding:
// encoded and decoded again it stays the same. Seeds: the f.Add calls
// and testdata/fuzz/FuzzDecodeTake.
func FuzzDecodeTake(f *testing.F) {
	f.Add([]byte(`{"schema":1,"id":"x","question_id":"q01","started":"2026-11-24T20:15:30Z","duration_s":12.5,"sample_rate":48000,"state":"recording","parts":[{"kind":"situation","start_s":0,"end_s":2.5},{"kind":"lesson","start_s":10,"end_s":12.5}]}`))
	f.Add([]byte(`{"schema": 2}`))
	f.Add([]byte(`{"schema":1,"duration_s":"long"}`))
	f.Add([]byte(`{"schema":1,"parts":[{"kind":"moral","start_s":0,"end_s":1}]}`))
	f.Add([]byte(`[1,2,3]`))
	f.Add([]byte(`{"schema":1,"started":"yesterday"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		tk, reason, kind, _ := decodeTake(data)
		if reason != "" {
			if kind != ErrDamaged && kind != ErrNewerSchema {
				t.Fatalf("reason %q with kind %v, want ErrDamaged or ErrNewerSchema", reason, kind)
			}
			if !reflect.DeepEqual(tk, Take{}) {
				t.Fatalf("a refused take comes with fields: %+v", tk)
			}
			e := &TakeError{ID: "x", Reason: reason, kind: kind}
			if !errors.Is(e, kind) {
				t.Fatalf("TakeError does not wrap its kind")
			}
			return
		}
		if kind != nil {
			t.Fatalf("accepted with kind %v", kind)
		}
		if tk.Schema < 1 || tk.Schema > SchemaVersion {
			t.Fatalf("accepted schema %d", tk.Schema)
		}
		if tk.Duration < 0 || tk.SampleRate < 0 || tk.ThinkS < 0 || tk.LimitS < 0 {
			t.Fatalf("accepted negative fields: %+v", tk)
		}
		if err := CheckParts(tk.Parts, tk.Duration); err != nil {
			t.Fatalf("accepted bad parts: %v", err)
		}
		again, err := json.Marshal(tk)
		if err != nil {
			t.Fatalf("an accepted take does not encode: %v", err)
		}
		tk2, reason, _, _ := decodeTake(again)
		if reason != "" {
			t.Fatalf("saved again, the take no longer loads: %s\n%s", reason, again)
		}
		// Part times are saved rounded to the millisecond; compare the
		// take as saved once with the take saved twice.
		once, _ := json.Marshal(tk2)
		if string(once) != string(again) {
			t.Fatalf("saving changes the take:\n%s\n%s", again, once)
		}
	})
}
