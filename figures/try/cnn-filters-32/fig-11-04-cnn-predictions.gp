# fig-11-04-cnn-predictions: the CNN's predictions for the validation windows against the actual values
# Data: fig-11-04-cnn-predictions.dat. Redraw: gnuplot fig-11-04-cnn-predictions.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-11-04-cnn-predictions.png"
set terminal pngcairo size 1200,600 enhanced font style_font linewidth 1.5
set output outfile
set title "CNN: validation values and predictions"
set xlabel "time step"
set ylabel "value"
set yrange [89.15688:189.32808]
set xrange [*:*] noextend
set key top left title "MAE over the points shown"
plot "fig-11-04-cnn-predictions.dat" using 1:4 with lines ls 6 lw 1.5 title "next step as this one: MAE 5.80", \
     "fig-11-04-cnn-predictions.dat" using 1:2 with lines ls 1 title "actual", \
     "fig-11-04-cnn-predictions.dat" using 1:3 with lines ls 2 title "predicted: MAE 4.62"
unset output
