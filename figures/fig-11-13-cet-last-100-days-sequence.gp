# fig-11-13-cet-last-100-days-sequence: the last hundred validation days: actual, predicted and tomorrow as today
# Data: fig-11-13-cet-last-100-days-sequence.dat. Redraw: gnuplot fig-11-13-cet-last-100-days-sequence.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-11-13-cet-last-100-days-sequence.png"
set terminal pngcairo size 1200,600 enhanced font style_font linewidth 1.5
set output outfile
set title "Simple RNN on CET: the last hundred validation days (sequence layout)"
set xlabel "date (2022)"
set ylabel "temperature (z-score)"
set xdata time
set timefmt "%s"
set format x "%d %b"
set xtics 1648857600, 1209600
unset mxtics
set yrange [-1.2276387:3.529582]
set link y2 via y*5.3457685+9.397673 inverse (y-9.397673)/5.3457685
set y2tics 5 format "%g"
set y2label "temperature (°C)"
set xrange [*:*] noextend
set key top left title "MAE over the days shown"
plot "fig-11-13-cet-last-100-days-sequence.dat" using 1:4 with lines ls 6 lw 1.5 title "tomorrow as today: MAE 1.22 °C (0.229 z)", \
     "fig-11-13-cet-last-100-days-sequence.dat" using 1:2 with lines ls 1 title "actual", \
     "fig-11-13-cet-last-100-days-sequence.dat" using 1:3 with lines ls 2 title "predicted: MAE 1.16 °C (0.217 z)"
unset output
