/*
 * Entities and dates, one sentence at a time, in one pass over its tokens.
 *
 * A small tokenizer yields words (letters, digits and inner "-", "'",
 * "." as in "U.S."), numbers (with "," and "." inside and a glued suffix
 * as in "3.5bn"), and single symbols. At each token the date and number
 * matchers try first ("March 23, 2023", "$3.5bn", "last month", "two
 * weeks ago"); they read a bounded number of tokens ahead. Otherwise
 * capitalised words (and "of"/"van"/"&" between them) collect into a run
 * that is classified when it ends: the whole run in the gazetteer, an
 * organisation or place keyword at its edge ("... Council", "Bank of
 * ...", "... River"), a title inside it ("U.S. President Joe Biden"
 * gives the place and the person), person cues around it ("envoy Steve
 * Witkoff", "said Chuck Dougherty", "Dougherty says"), and otherwise its
 * shape. A sentence written in title case (a headline) only yields
 * gazetteer, keyword and acronym hits.
 *
 * Every lookup is one hash probe in a table built once from the
 * compiled-in lists; runs are capped at MAX_RUN tokens, so the work per
 * token is bounded.
 */
#include "entities.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/utf8.h"
#include "importers/extract/num.h"

#define MAX_RUN 12
#define PHRASE_MAX 64

struct gaz {
    const char *name;
    enum cdk_entity_kind kind;
    const char *canon;
};

/* Sorted by strcmp, as are the word lists (cdk_entities_tables_ok). */
static const struct gaz gazetteer[] = {
    {"ABC", CDK_ENTITY_ORGANISATION, "ABC"},
    {"ABC News", CDK_ENTITY_ORGANISATION, "ABC News"},
    {"AFP", CDK_ENTITY_ORGANISATION, "AFP"},
    {"AP", CDK_ENTITY_ORGANISATION, "Associated Press"},
    {"ASEAN", CDK_ENTITY_ORGANISATION, "ASEAN"},
    {"Afghan", CDK_ENTITY_PLACE, "Afghanistan"},
    {"Afghanistan", CDK_ENTITY_PLACE, "Afghanistan"},
    {"Africa", CDK_ENTITY_PLACE, "Africa"},
    {"African", CDK_ENTITY_PLACE, "Africa"},
    {"African Union", CDK_ENTITY_ORGANISATION, "African Union"},
    {"Airbus", CDK_ENTITY_ORGANISATION, "Airbus"},
    {"Al Jazeera", CDK_ENTITY_ORGANISATION, "Al Jazeera"},
    {"Alabama", CDK_ENTITY_PLACE, "Alabama"},
    {"Alaska", CDK_ENTITY_PLACE, "Alaska"},
    {"Albania", CDK_ENTITY_PLACE, "Albania"},
    {"Albanian", CDK_ENTITY_PLACE, "Albania"},
    {"Algeria", CDK_ENTITY_PLACE, "Algeria"},
    {"Algerian", CDK_ENTITY_PLACE, "Algeria"},
    {"Amazon", CDK_ENTITY_ORGANISATION, "Amazon"},
    {"America", CDK_ENTITY_PLACE, "United States"},
    {"American", CDK_ENTITY_PLACE, "United States"},
    {"Americans", CDK_ENTITY_PLACE, "United States"},
    {"Amsterdam", CDK_ENTITY_PLACE, "Amsterdam"},
    {"Angola", CDK_ENTITY_PLACE, "Angola"},
    {"Ankara", CDK_ENTITY_PLACE, "Ankara"},
    {"Antarctica", CDK_ENTITY_PLACE, "Antarctica"},
    {"Apple", CDK_ENTITY_ORGANISATION, "Apple"},
    {"Arctic", CDK_ENTITY_PLACE, "Arctic"},
    {"Argentina", CDK_ENTITY_PLACE, "Argentina"},
    {"Argentine", CDK_ENTITY_PLACE, "Argentina"},
    {"Argentinian", CDK_ENTITY_PLACE, "Argentina"},
    {"Arizona", CDK_ENTITY_PLACE, "Arizona"},
    {"Arkansas", CDK_ENTITY_PLACE, "Arkansas"},
    {"Armenia", CDK_ENTITY_PLACE, "Armenia"},
    {"Armenian", CDK_ENTITY_PLACE, "Armenia"},
    {"Ars Technica", CDK_ENTITY_ORGANISATION, "Ars Technica"},
    {"Asia", CDK_ENTITY_PLACE, "Asia"},
    {"Asian", CDK_ENTITY_PLACE, "Asia"},
    {"Associated Press", CDK_ENTITY_ORGANISATION, "Associated Press"},
    {"AstraZeneca", CDK_ENTITY_ORGANISATION, "AstraZeneca"},
    {"Athens", CDK_ENTITY_PLACE, "Athens"},
    {"Atlanta", CDK_ENTITY_PLACE, "Atlanta"},
    {"Atlantic", CDK_ENTITY_PLACE, "Atlantic"},
    {"Australia", CDK_ENTITY_PLACE, "Australia"},
    {"Australian", CDK_ENTITY_PLACE, "Australia"},
    {"Austria", CDK_ENTITY_PLACE, "Austria"},
    {"Austrian", CDK_ENTITY_PLACE, "Austria"},
    {"Axios", CDK_ENTITY_ORGANISATION, "Axios"},
    {"Azerbaijan", CDK_ENTITY_PLACE, "Azerbaijan"},
    {"BBC", CDK_ENTITY_ORGANISATION, "BBC"},
    {"BMW", CDK_ENTITY_ORGANISATION, "BMW"},
    {"BP", CDK_ENTITY_ORGANISATION, "BP"},
    {"Baghdad", CDK_ENTITY_PLACE, "Baghdad"},
    {"Bahrain", CDK_ENTITY_PLACE, "Bahrain"},
    {"Bakhmut", CDK_ENTITY_PLACE, "Bakhmut"},
    {"Balkans", CDK_ENTITY_PLACE, "Balkans"},
    {"Baltic", CDK_ENTITY_PLACE, "Baltic"},
    {"Baltics", CDK_ENTITY_PLACE, "Baltics"},
    {"Bangkok", CDK_ENTITY_PLACE, "Bangkok"},
    {"Bangladesh", CDK_ENTITY_PLACE, "Bangladesh"},
    {"Bank of England", CDK_ENTITY_ORGANISATION, "Bank of England"},
    {"Barclays", CDK_ENTITY_ORGANISATION, "Barclays"},
    {"Beijing", CDK_ENTITY_PLACE, "Beijing"},
    {"Beirut", CDK_ENTITY_PLACE, "Beirut"},
    {"Belarus", CDK_ENTITY_PLACE, "Belarus"},
    {"Belarusian", CDK_ENTITY_PLACE, "Belarus"},
    {"Belfast", CDK_ENTITY_PLACE, "Belfast"},
    {"Belgian", CDK_ENTITY_PLACE, "Belgium"},
    {"Belgium", CDK_ENTITY_PLACE, "Belgium"},
    {"Berlin", CDK_ENTITY_PLACE, "Berlin"},
    {"Birmingham", CDK_ENTITY_PLACE, "Birmingham"},
    {"Black Sea", CDK_ENTITY_PLACE, "Black Sea"},
    {"Bloomberg", CDK_ENTITY_ORGANISATION, "Bloomberg"},
    {"Boeing", CDK_ENTITY_ORGANISATION, "Boeing"},
    {"Bolivia", CDK_ENTITY_PLACE, "Bolivia"},
    {"Bombay", CDK_ENTITY_PLACE, "Bombay"},
    {"Bosnia", CDK_ENTITY_PLACE, "Bosnia"},
    {"Boston", CDK_ENTITY_PLACE, "Boston"},
    {"Brasilia", CDK_ENTITY_PLACE, "Brasilia"},
    {"Brazil", CDK_ENTITY_PLACE, "Brazil"},
    {"Brazilian", CDK_ENTITY_PLACE, "Brazil"},
    {"Bristol", CDK_ENTITY_PLACE, "Bristol"},
    {"Britain", CDK_ENTITY_PLACE, "United Kingdom"},
    {"British", CDK_ENTITY_PLACE, "United Kingdom"},
    {"Brussels", CDK_ENTITY_PLACE, "Brussels"},
    {"Budapest", CDK_ENTITY_PLACE, "Budapest"},
    {"Buenos Aires", CDK_ENTITY_PLACE, "Buenos Aires"},
    {"Bulgaria", CDK_ENTITY_PLACE, "Bulgaria"},
    {"Bulgarian", CDK_ENTITY_PLACE, "Bulgaria"},
    {"CBS", CDK_ENTITY_ORGANISATION, "CBS"},
    {"CBS News", CDK_ENTITY_ORGANISATION, "CBS News"},
    {"CDC", CDK_ENTITY_ORGANISATION, "CDC"},
    {"CIA", CDK_ENTITY_ORGANISATION, "CIA"},
    {"CNBC", CDK_ENTITY_ORGANISATION, "CNBC"},
    {"CNN", CDK_ENTITY_ORGANISATION, "CNN"},
    {"Cairo", CDK_ENTITY_PLACE, "Cairo"},
    {"California", CDK_ENTITY_PLACE, "California"},
    {"Cambodia", CDK_ENTITY_PLACE, "Cambodia"},
    {"Cameroon", CDK_ENTITY_PLACE, "Cameroon"},
    {"Canada", CDK_ENTITY_PLACE, "Canada"},
    {"Canadian", CDK_ENTITY_PLACE, "Canada"},
    {"Capitol", CDK_ENTITY_ORGANISATION, "Capitol"},
    {"Caracas", CDK_ENTITY_PLACE, "Caracas"},
    {"Cardiff", CDK_ENTITY_PLACE, "Cardiff"},
    {"Caribbean", CDK_ENTITY_PLACE, "Caribbean"},
    {"Caspian Sea", CDK_ENTITY_PLACE, "Caspian Sea"},
    {"Caucasus", CDK_ENTITY_PLACE, "Caucasus"},
    {"Centers for Disease Control and Prevention", CDK_ENTITY_ORGANISATION, "CDC"},
    {"Central Europe", CDK_ENTITY_PLACE, "Central Europe"},
    {"Chennai", CDK_ENTITY_PLACE, "Chennai"},
    {"Chicago", CDK_ENTITY_PLACE, "Chicago"},
    {"Chile", CDK_ENTITY_PLACE, "Chile"},
    {"Chilean", CDK_ENTITY_PLACE, "Chile"},
    {"China", CDK_ENTITY_PLACE, "China"},
    {"Chinese", CDK_ENTITY_PLACE, "China"},
    {"Citigroup", CDK_ENTITY_ORGANISATION, "Citigroup"},
    {"Colombia", CDK_ENTITY_PLACE, "Colombia"},
    {"Colombian", CDK_ENTITY_PLACE, "Colombia"},
    {"Colorado", CDK_ENTITY_PLACE, "Colorado"},
    {"Congo", CDK_ENTITY_PLACE, "Congo"},
    {"Congress", CDK_ENTITY_ORGANISATION, "Congress"},
    {"Connecticut", CDK_ENTITY_PLACE, "Connecticut"},
    {"Conservatives", CDK_ENTITY_ORGANISATION, "Conservatives"},
    {"Copenhagen", CDK_ENTITY_PLACE, "Copenhagen"},
    {"Credit Suisse", CDK_ENTITY_ORGANISATION, "Credit Suisse"},
    {"Crimea", CDK_ENTITY_PLACE, "Crimea"},
    {"Crimean", CDK_ENTITY_PLACE, "Crimea"},
    {"Croatia", CDK_ENTITY_PLACE, "Croatia"},
    {"Croatian", CDK_ENTITY_PLACE, "Croatia"},
    {"Cuba", CDK_ENTITY_PLACE, "Cuba"},
    {"Cuban", CDK_ENTITY_PLACE, "Cuba"},
    {"Cyprus", CDK_ENTITY_PLACE, "Cyprus"},
    {"Czech", CDK_ENTITY_PLACE, "Czech Republic"},
    {"Czech Republic", CDK_ENTITY_PLACE, "Czech Republic"},
    {"Czechia", CDK_ENTITY_PLACE, "Czech Republic"},
    {"Daily Mail", CDK_ENTITY_ORGANISATION, "Daily Mail"},
    {"Dallas", CDK_ENTITY_PLACE, "Dallas"},
    {"Damascus", CDK_ENTITY_PLACE, "Damascus"},
    {"Danish", CDK_ENTITY_PLACE, "Denmark"},
    {"Davos", CDK_ENTITY_PLACE, "Davos"},
    {"Delaware", CDK_ENTITY_PLACE, "Delaware"},
    {"Delhi", CDK_ENTITY_PLACE, "Delhi"},
    {"Democratic Party", CDK_ENTITY_ORGANISATION, "Democratic Party"},
    {"Democrats", CDK_ENTITY_ORGANISATION, "Democrats"},
    {"Denmark", CDK_ENTITY_PLACE, "Denmark"},
    {"Denver", CDK_ENTITY_PLACE, "Denver"},
    {"Der Spiegel", CDK_ENTITY_ORGANISATION, "Der Spiegel"},
    {"Detroit", CDK_ENTITY_PLACE, "Detroit"},
    {"Deutsche Bank", CDK_ENTITY_ORGANISATION, "Deutsche Bank"},
    {"Disney", CDK_ENTITY_ORGANISATION, "Disney"},
    {"Doha", CDK_ENTITY_PLACE, "Doha"},
    {"Donbas", CDK_ENTITY_PLACE, "Donbas"},
    {"Donbass", CDK_ENTITY_PLACE, "Donbas"},
    {"Donetsk", CDK_ENTITY_PLACE, "Donetsk"},
    {"Dow Jones", CDK_ENTITY_ORGANISATION, "Dow Jones"},
    {"Downing St", CDK_ENTITY_ORGANISATION, "Downing Street"},
    {"Downing Street", CDK_ENTITY_ORGANISATION, "Downing Street"},
    {"Dubai", CDK_ENTITY_PLACE, "Dubai"},
    {"Dublin", CDK_ENTITY_PLACE, "Dublin"},
    {"Dutch", CDK_ENTITY_PLACE, "Netherlands"},
    {"E.U.", CDK_ENTITY_ORGANISATION, "EU"},
    {"ECB", CDK_ENTITY_ORGANISATION, "European Central Bank"},
    {"EPA", CDK_ENTITY_ORGANISATION, "EPA"},
    {"EU", CDK_ENTITY_ORGANISATION, "EU"},
    {"Eastern Europe", CDK_ENTITY_PLACE, "Eastern Europe"},
    {"Economist", CDK_ENTITY_ORGANISATION, "Economist"},
    {"Edinburgh", CDK_ENTITY_PLACE, "Edinburgh"},
    {"Egypt", CDK_ENTITY_PLACE, "Egypt"},
    {"Egyptian", CDK_ENTITY_PLACE, "Egypt"},
    {"England", CDK_ENTITY_PLACE, "England"},
    {"English", CDK_ENTITY_PLACE, "England"},
    {"Estonia", CDK_ENTITY_PLACE, "Estonia"},
    {"Estonian", CDK_ENTITY_PLACE, "Estonia"},
    {"Ethiopia", CDK_ENTITY_PLACE, "Ethiopia"},
    {"Ethiopian", CDK_ENTITY_PLACE, "Ethiopia"},
    {"Europe", CDK_ENTITY_PLACE, "Europe"},
    {"European", CDK_ENTITY_PLACE, "Europe"},
    {"European Central Bank", CDK_ENTITY_ORGANISATION, "European Central Bank"},
    {"European Commission", CDK_ENTITY_ORGANISATION, "European Commission"},
    {"European Parliament", CDK_ENTITY_ORGANISATION, "European Parliament"},
    {"European Union", CDK_ENTITY_ORGANISATION, "EU"},
    {"FBI", CDK_ENTITY_ORGANISATION, "FBI"},
    {"FDA", CDK_ENTITY_ORGANISATION, "FDA"},
    {"FSB", CDK_ENTITY_ORGANISATION, "FSB"},
    {"FTSE", CDK_ENTITY_ORGANISATION, "FTSE"},
    {"Facebook", CDK_ENTITY_ORGANISATION, "Facebook"},
    {"Far East", CDK_ENTITY_PLACE, "Far East"},
    {"Fed", CDK_ENTITY_ORGANISATION, "Federal Reserve"},
    {"Federal Reserve", CDK_ENTITY_ORGANISATION, "Federal Reserve"},
    {"Fiat", CDK_ENTITY_ORGANISATION, "Fiat"},
    {"Filipino", CDK_ENTITY_PLACE, "Philippines"},
    {"Financial Times", CDK_ENTITY_ORGANISATION, "Financial Times"},
    {"Finland", CDK_ENTITY_PLACE, "Finland"},
    {"Finnish", CDK_ENTITY_PLACE, "Finland"},
    {"Florida", CDK_ENTITY_PLACE, "Florida"},
    {"Food and Drug Administration", CDK_ENTITY_ORGANISATION, "FDA"},
    {"Ford", CDK_ENTITY_ORGANISATION, "Ford"},
    {"Fox News", CDK_ENTITY_ORGANISATION, "Fox News"},
    {"France", CDK_ENTITY_PLACE, "France"},
    {"French", CDK_ENTITY_PLACE, "France"},
    {"G20", CDK_ENTITY_ORGANISATION, "G20"},
    {"G7", CDK_ENTITY_ORGANISATION, "G7"},
    {"G8", CDK_ENTITY_ORGANISATION, "G8"},
    {"GM", CDK_ENTITY_ORGANISATION, "General Motors"},
    {"GOP", CDK_ENTITY_ORGANISATION, "GOP"},
    {"Gaza", CDK_ENTITY_PLACE, "Gaza"},
    {"Gazprom", CDK_ENTITY_ORGANISATION, "Gazprom"},
    {"General Motors", CDK_ENTITY_ORGANISATION, "General Motors"},
    {"Geneva", CDK_ENTITY_PLACE, "Geneva"},
    {"Georgia", CDK_ENTITY_PLACE, "Georgia"},
    {"German", CDK_ENTITY_PLACE, "Germany"},
    {"Germany", CDK_ENTITY_PLACE, "Germany"},
    {"Ghana", CDK_ENTITY_PLACE, "Ghana"},
    {"Glasgow", CDK_ENTITY_PLACE, "Glasgow"},
    {"Goldman Sachs", CDK_ENTITY_ORGANISATION, "Goldman Sachs"},
    {"Google", CDK_ENTITY_ORGANISATION, "Google"},
    {"Great Britain", CDK_ENTITY_PLACE, "United Kingdom"},
    {"Greece", CDK_ENTITY_PLACE, "Greece"},
    {"Greek", CDK_ENTITY_PLACE, "Greece"},
    {"Guardian", CDK_ENTITY_ORGANISATION, "Guardian"},
    {"Gulf", CDK_ENTITY_PLACE, "Gulf"},
    {"HSBC", CDK_ENTITY_ORGANISATION, "HSBC"},
    {"Hamas", CDK_ENTITY_ORGANISATION, "Hamas"},
    {"Havana", CDK_ENTITY_PLACE, "Havana"},
    {"Hawaii", CDK_ENTITY_PLACE, "Hawaii"},
    {"Helsinki", CDK_ENTITY_PLACE, "Helsinki"},
    {"Hezbollah", CDK_ENTITY_ORGANISATION, "Hezbollah"},
    {"Holland", CDK_ENTITY_PLACE, "Netherlands"},
    {"Hong Kong", CDK_ENTITY_PLACE, "Hong Kong"},
    {"House", CDK_ENTITY_ORGANISATION, "House"},
    {"House of Commons", CDK_ENTITY_ORGANISATION, "House of Commons"},
    {"House of Lords", CDK_ENTITY_ORGANISATION, "House of Lords"},
    {"House of Representatives", CDK_ENTITY_ORGANISATION, "House of Representatives"},
    {"Houston", CDK_ENTITY_PLACE, "Houston"},
    {"HuffPost", CDK_ENTITY_ORGANISATION, "HuffPost"},
    {"Hungarian", CDK_ENTITY_PLACE, "Hungary"},
    {"Hungary", CDK_ENTITY_PLACE, "Hungary"},
    {"IBM", CDK_ENTITY_ORGANISATION, "IBM"},
    {"ICC", CDK_ENTITY_ORGANISATION, "International Criminal Court"},
    {"IMF", CDK_ENTITY_ORGANISATION, "IMF"},
    {"Iceland", CDK_ENTITY_PLACE, "Iceland"},
    {"Idaho", CDK_ENTITY_PLACE, "Idaho"},
    {"Illinois", CDK_ENTITY_PLACE, "Illinois"},
    {"India", CDK_ENTITY_PLACE, "India"},
    {"Indian", CDK_ENTITY_PLACE, "India"},
    {"Indiana", CDK_ENTITY_PLACE, "Indiana"},
    {"Indonesia", CDK_ENTITY_PLACE, "Indonesia"},
    {"Indonesian", CDK_ENTITY_PLACE, "Indonesia"},
    {"Intel", CDK_ENTITY_ORGANISATION, "Intel"},
    {"Interfax", CDK_ENTITY_ORGANISATION, "Interfax"},
    {"International Criminal Court", CDK_ENTITY_ORGANISATION, "International Criminal Court"},
    {"International Monetary Fund", CDK_ENTITY_ORGANISATION, "IMF"},
    {"Iowa", CDK_ENTITY_PLACE, "Iowa"},
    {"Iran", CDK_ENTITY_PLACE, "Iran"},
    {"Iranian", CDK_ENTITY_PLACE, "Iran"},
    {"Iraq", CDK_ENTITY_PLACE, "Iraq"},
    {"Iraqi", CDK_ENTITY_PLACE, "Iraq"},
    {"Ireland", CDK_ENTITY_PLACE, "Ireland"},
    {"Irish", CDK_ENTITY_PLACE, "Ireland"},
    {"Islamabad", CDK_ENTITY_PLACE, "Islamabad"},
    {"Israel", CDK_ENTITY_PLACE, "Israel"},
    {"Israeli", CDK_ENTITY_PLACE, "Israel"},
    {"Istanbul", CDK_ENTITY_PLACE, "Istanbul"},
    {"Italian", CDK_ENTITY_PLACE, "Italy"},
    {"Italy", CDK_ENTITY_PLACE, "Italy"},
    {"JP Morgan", CDK_ENTITY_ORGANISATION, "JP Morgan"},
    {"JPMorgan", CDK_ENTITY_ORGANISATION, "JPMorgan"},
    {"Jakarta", CDK_ENTITY_PLACE, "Jakarta"},
    {"Jamaica", CDK_ENTITY_PLACE, "Jamaica"},
    {"Jamaican", CDK_ENTITY_PLACE, "Jamaica"},
    {"Japan", CDK_ENTITY_PLACE, "Japan"},
    {"Japanese", CDK_ENTITY_PLACE, "Japan"},
    {"Jerusalem", CDK_ENTITY_PLACE, "Jerusalem"},
    {"Johannesburg", CDK_ENTITY_PLACE, "Johannesburg"},
    {"Jordan", CDK_ENTITY_PLACE, "Jordan"},
    {"KGB", CDK_ENTITY_ORGANISATION, "KGB"},
    {"Kabul", CDK_ENTITY_PLACE, "Kabul"},
    {"Kansas", CDK_ENTITY_PLACE, "Kansas"},
    {"Kazakhstan", CDK_ENTITY_PLACE, "Kazakhstan"},
    {"Kentucky", CDK_ENTITY_PLACE, "Kentucky"},
    {"Kenya", CDK_ENTITY_PLACE, "Kenya"},
    {"Kenyan", CDK_ENTITY_PLACE, "Kenya"},
    {"Kharkiv", CDK_ENTITY_PLACE, "Kharkiv"},
    {"Kherson", CDK_ENTITY_PLACE, "Kherson"},
    {"Kiev", CDK_ENTITY_PLACE, "Kyiv"},
    {"Korea", CDK_ENTITY_PLACE, "Korea"},
    {"Korean", CDK_ENTITY_PLACE, "Korea"},
    {"Kosovo", CDK_ENTITY_PLACE, "Kosovo"},
    {"Kremlin", CDK_ENTITY_ORGANISATION, "Kremlin"},
    {"Kuwait", CDK_ENTITY_PLACE, "Kuwait"},
    {"Kyiv", CDK_ENTITY_PLACE, "Kyiv"},
    {"Labour", CDK_ENTITY_ORGANISATION, "Labour"},
    {"Lagos", CDK_ENTITY_PLACE, "Lagos"},
    {"Latin America", CDK_ENTITY_PLACE, "Latin America"},
    {"Latvia", CDK_ENTITY_PLACE, "Latvia"},
    {"Latvian", CDK_ENTITY_PLACE, "Latvia"},
    {"Le Monde", CDK_ENTITY_ORGANISATION, "Le Monde"},
    {"Lebanese", CDK_ENTITY_PLACE, "Lebanon"},
    {"Lebanon", CDK_ENTITY_PLACE, "Lebanon"},
    {"Leeds", CDK_ENTITY_PLACE, "Leeds"},
    {"Lib Dems", CDK_ENTITY_ORGANISATION, "Liberal Democrats"},
    {"Liberal Democrats", CDK_ENTITY_ORGANISATION, "Liberal Democrats"},
    {"Libya", CDK_ENTITY_PLACE, "Libya"},
    {"Libyan", CDK_ENTITY_PLACE, "Libya"},
    {"Lisbon", CDK_ENTITY_PLACE, "Lisbon"},
    {"Lithuania", CDK_ENTITY_PLACE, "Lithuania"},
    {"Lithuanian", CDK_ENTITY_PLACE, "Lithuania"},
    {"Liverpool", CDK_ENTITY_PLACE, "Liverpool"},
    {"London", CDK_ENTITY_PLACE, "London"},
    {"Los Angeles", CDK_ENTITY_PLACE, "Los Angeles"},
    {"Louisiana", CDK_ENTITY_PLACE, "Louisiana"},
    {"Luhansk", CDK_ENTITY_PLACE, "Luhansk"},
    {"Luxembourg", CDK_ENTITY_PLACE, "Luxembourg"},
    {"Lviv", CDK_ENTITY_PLACE, "Lviv"},
    {"MSNBC", CDK_ENTITY_ORGANISATION, "MSNBC"},
    {"Madrid", CDK_ENTITY_PLACE, "Madrid"},
    {"Maine", CDK_ENTITY_PLACE, "Maine"},
    {"Malaysia", CDK_ENTITY_PLACE, "Malaysia"},
    {"Malaysian", CDK_ENTITY_PLACE, "Malaysia"},
    {"Manchester", CDK_ENTITY_PLACE, "Manchester"},
    {"Manila", CDK_ENTITY_PLACE, "Manila"},
    {"Mariupol", CDK_ENTITY_PLACE, "Mariupol"},
    {"Maryland", CDK_ENTITY_PLACE, "Maryland"},
    {"Massachusetts", CDK_ENTITY_PLACE, "Massachusetts"},
    {"Mediterranean", CDK_ENTITY_PLACE, "Mediterranean"},
    {"Melbourne", CDK_ENTITY_PLACE, "Melbourne"},
    {"Meta", CDK_ENTITY_ORGANISATION, "Meta"},
    {"Mexican", CDK_ENTITY_PLACE, "Mexico"},
    {"Mexico", CDK_ENTITY_PLACE, "Mexico"},
    {"Mexico City", CDK_ENTITY_PLACE, "Mexico City"},
    {"Miami", CDK_ENTITY_PLACE, "Miami"},
    {"Michigan", CDK_ENTITY_PLACE, "Michigan"},
    {"Microsoft", CDK_ENTITY_ORGANISATION, "Microsoft"},
    {"Middle East", CDK_ENTITY_PLACE, "Middle East"},
    {"Minneapolis", CDK_ENTITY_PLACE, "Minneapolis"},
    {"Minnesota", CDK_ENTITY_PLACE, "Minnesota"},
    {"Minsk", CDK_ENTITY_PLACE, "Minsk"},
    {"Mississippi", CDK_ENTITY_PLACE, "Mississippi"},
    {"Missouri", CDK_ENTITY_PLACE, "Missouri"},
    {"Moderna", CDK_ENTITY_ORGANISATION, "Moderna"},
    {"Moldova", CDK_ENTITY_PLACE, "Moldova"},
    {"Mongolia", CDK_ENTITY_PLACE, "Mongolia"},
    {"Montana", CDK_ENTITY_PLACE, "Montana"},
    {"Montenegro", CDK_ENTITY_PLACE, "Montenegro"},
    {"Montreal", CDK_ENTITY_PLACE, "Montreal"},
    {"Morgan Stanley", CDK_ENTITY_ORGANISATION, "Morgan Stanley"},
    {"Moroccan", CDK_ENTITY_PLACE, "Morocco"},
    {"Morocco", CDK_ENTITY_PLACE, "Morocco"},
    {"Moscow", CDK_ENTITY_PLACE, "Moscow"},
    {"Mumbai", CDK_ENTITY_PLACE, "Mumbai"},
    {"Myanmar", CDK_ENTITY_PLACE, "Myanmar"},
    {"NATO", CDK_ENTITY_ORGANISATION, "NATO"},
    {"NBC", CDK_ENTITY_ORGANISATION, "NBC"},
    {"NBC News", CDK_ENTITY_ORGANISATION, "NBC News"},
    {"NIH", CDK_ENTITY_ORGANISATION, "National Institutes of Health"},
    {"NPR", CDK_ENTITY_ORGANISATION, "NPR"},
    {"NSA", CDK_ENTITY_ORGANISATION, "NSA"},
    {"NYSE", CDK_ENTITY_ORGANISATION, "NYSE"},
    {"Nairobi", CDK_ENTITY_PLACE, "Nairobi"},
    {"Nasdaq", CDK_ENTITY_ORGANISATION, "Nasdaq"},
    {"National Institutes of Health", CDK_ENTITY_ORGANISATION, "National Institutes of Health"},
    {"Nato", CDK_ENTITY_ORGANISATION, "NATO"},
    {"Nebraska", CDK_ENTITY_PLACE, "Nebraska"},
    {"Nepal", CDK_ENTITY_PLACE, "Nepal"},
    {"Netflix", CDK_ENTITY_ORGANISATION, "Netflix"},
    {"Netherlands", CDK_ENTITY_PLACE, "Netherlands"},
    {"Nevada", CDK_ENTITY_PLACE, "Nevada"},
    {"New Delhi", CDK_ENTITY_PLACE, "New Delhi"},
    {"New Hampshire", CDK_ENTITY_PLACE, "New Hampshire"},
    {"New Jersey", CDK_ENTITY_PLACE, "New Jersey"},
    {"New Mexico", CDK_ENTITY_PLACE, "New Mexico"},
    {"New York", CDK_ENTITY_PLACE, "New York"},
    {"New York City", CDK_ENTITY_PLACE, "New York"},
    {"New York Times", CDK_ENTITY_ORGANISATION, "New York Times"},
    {"New Zealand", CDK_ENTITY_PLACE, "New Zealand"},
    {"Nigeria", CDK_ENTITY_PLACE, "Nigeria"},
    {"Nigerian", CDK_ENTITY_PLACE, "Nigeria"},
    {"Nintendo", CDK_ENTITY_ORGANISATION, "Nintendo"},
    {"Nokia", CDK_ENTITY_ORGANISATION, "Nokia"},
    {"North America", CDK_ENTITY_PLACE, "North America"},
    {"North Carolina", CDK_ENTITY_PLACE, "North Carolina"},
    {"North Dakota", CDK_ENTITY_PLACE, "North Dakota"},
    {"North Korea", CDK_ENTITY_PLACE, "North Korea"},
    {"North Korean", CDK_ENTITY_PLACE, "North Korea"},
    {"Northern Ireland", CDK_ENTITY_PLACE, "Northern Ireland"},
    {"Norway", CDK_ENTITY_PLACE, "Norway"},
    {"Norwegian", CDK_ENTITY_PLACE, "Norway"},
    {"Number 10", CDK_ENTITY_ORGANISATION, "Downing Street"},
    {"OECD", CDK_ENTITY_ORGANISATION, "OECD"},
    {"OPEC", CDK_ENTITY_ORGANISATION, "OPEC"},
    {"Odesa", CDK_ENTITY_PLACE, "Odesa"},
    {"Odessa", CDK_ENTITY_PLACE, "Odesa"},
    {"Ohio", CDK_ENTITY_PLACE, "Ohio"},
    {"Oklahoma", CDK_ENTITY_PLACE, "Oklahoma"},
    {"Oman", CDK_ENTITY_PLACE, "Oman"},
    {"Opec", CDK_ENTITY_ORGANISATION, "OPEC"},
    {"OpenAI", CDK_ENTITY_ORGANISATION, "OpenAI"},
    {"Oregon", CDK_ENTITY_PLACE, "Oregon"},
    {"Oslo", CDK_ENTITY_PLACE, "Oslo"},
    {"Ottawa", CDK_ENTITY_PLACE, "Ottawa"},
    {"PBS", CDK_ENTITY_ORGANISATION, "PBS"},
    {"Pacific", CDK_ENTITY_PLACE, "Pacific"},
    {"Pakistan", CDK_ENTITY_PLACE, "Pakistan"},
    {"Pakistani", CDK_ENTITY_PLACE, "Pakistan"},
    {"Palestine", CDK_ENTITY_PLACE, "Palestine"},
    {"Palestinian", CDK_ENTITY_PLACE, "Palestine"},
    {"Panama", CDK_ENTITY_PLACE, "Panama"},
    {"Paramount", CDK_ENTITY_ORGANISATION, "Paramount"},
    {"Paris", CDK_ENTITY_PLACE, "Paris"},
    {"Parliament", CDK_ENTITY_ORGANISATION, "Parliament"},
    {"Pennsylvania", CDK_ENTITY_PLACE, "Pennsylvania"},
    {"Pentagon", CDK_ENTITY_ORGANISATION, "Pentagon"},
    {"Persian Gulf", CDK_ENTITY_PLACE, "Persian Gulf"},
    {"Peru", CDK_ENTITY_PLACE, "Peru"},
    {"Peruvian", CDK_ENTITY_PLACE, "Peru"},
    {"Pfizer", CDK_ENTITY_ORGANISATION, "Pfizer"},
    {"Philadelphia", CDK_ENTITY_PLACE, "Philadelphia"},
    {"Philippines", CDK_ENTITY_PLACE, "Philippines"},
    {"Poland", CDK_ENTITY_PLACE, "Poland"},
    {"Polish", CDK_ENTITY_PLACE, "Poland"},
    {"Politico", CDK_ENTITY_ORGANISATION, "Politico"},
    {"Portugal", CDK_ENTITY_PLACE, "Portugal"},
    {"Portuguese", CDK_ENTITY_PLACE, "Portugal"},
    {"Prague", CDK_ENTITY_PLACE, "Prague"},
    {"Pyongyang", CDK_ENTITY_PLACE, "Pyongyang"},
    {"Qatar", CDK_ENTITY_PLACE, "Qatar"},
    {"RIA Novosti", CDK_ENTITY_ORGANISATION, "RIA Novosti"},
    {"Red Cross", CDK_ENTITY_ORGANISATION, "Red Cross"},
    {"Red Sea", CDK_ENTITY_PLACE, "Red Sea"},
    {"Republican Party", CDK_ENTITY_ORGANISATION, "Republican Party"},
    {"Republicans", CDK_ENTITY_ORGANISATION, "Republicans"},
    {"Reuters", CDK_ENTITY_ORGANISATION, "Reuters"},
    {"Rhode Island", CDK_ENTITY_PLACE, "Rhode Island"},
    {"Riyadh", CDK_ENTITY_PLACE, "Riyadh"},
    {"Romania", CDK_ENTITY_PLACE, "Romania"},
    {"Romanian", CDK_ENTITY_PLACE, "Romania"},
    {"Rome", CDK_ENTITY_PLACE, "Rome"},
    {"Rosneft", CDK_ENTITY_ORGANISATION, "Rosneft"},
    {"Russia", CDK_ENTITY_PLACE, "Russia"},
    {"Russian", CDK_ENTITY_PLACE, "Russia"},
    {"Russian Federation", CDK_ENTITY_PLACE, "Russia"},
    {"Rwanda", CDK_ENTITY_PLACE, "Rwanda"},
    {"Samsung", CDK_ENTITY_ORGANISATION, "Samsung"},
    {"San Francisco", CDK_ENTITY_PLACE, "San Francisco"},
    {"Saudi", CDK_ENTITY_PLACE, "Saudi Arabia"},
    {"Saudi Arabia", CDK_ENTITY_PLACE, "Saudi Arabia"},
    {"Scandinavia", CDK_ENTITY_PLACE, "Scandinavia"},
    {"Scotland", CDK_ENTITY_PLACE, "Scotland"},
    {"Scottish", CDK_ENTITY_PLACE, "Scotland"},
    {"Seattle", CDK_ENTITY_PLACE, "Seattle"},
    {"Security Council", CDK_ENTITY_ORGANISATION, "Security Council"},
    {"Senate", CDK_ENTITY_ORGANISATION, "Senate"},
    {"Senegal", CDK_ENTITY_PLACE, "Senegal"},
    {"Seoul", CDK_ENTITY_PLACE, "Seoul"},
    {"Serbia", CDK_ENTITY_PLACE, "Serbia"},
    {"Serbian", CDK_ENTITY_PLACE, "Serbia"},
    {"Shanghai", CDK_ENTITY_PLACE, "Shanghai"},
    {"Shell", CDK_ENTITY_ORGANISATION, "Shell"},
    {"Siberia", CDK_ENTITY_PLACE, "Siberia"},
    {"Singapore", CDK_ENTITY_PLACE, "Singapore"},
    {"Sky", CDK_ENTITY_ORGANISATION, "Sky"},
    {"Sky News", CDK_ENTITY_ORGANISATION, "Sky News"},
    {"Slovakia", CDK_ENTITY_PLACE, "Slovakia"},
    {"Slovenia", CDK_ENTITY_PLACE, "Slovenia"},
    {"Somalia", CDK_ENTITY_PLACE, "Somalia"},
    {"Sony", CDK_ENTITY_ORGANISATION, "Sony"},
    {"South Africa", CDK_ENTITY_PLACE, "South Africa"},
    {"South African", CDK_ENTITY_PLACE, "South Africa"},
    {"South America", CDK_ENTITY_PLACE, "South America"},
    {"South Carolina", CDK_ENTITY_PLACE, "South Carolina"},
    {"South Dakota", CDK_ENTITY_PLACE, "South Dakota"},
    {"South Korea", CDK_ENTITY_PLACE, "South Korea"},
    {"South Korean", CDK_ENTITY_PLACE, "South Korea"},
    {"Spain", CDK_ENTITY_PLACE, "Spain"},
    {"Spanish", CDK_ENTITY_PLACE, "Spain"},
    {"Sri Lanka", CDK_ENTITY_PLACE, "Sri Lanka"},
    {"St Petersburg", CDK_ENTITY_PLACE, "St Petersburg"},
    {"St. Paul", CDK_ENTITY_PLACE, "St. Paul"},
    {"State Department", CDK_ENTITY_ORGANISATION, "State Department"},
    {"Stockholm", CDK_ENTITY_PLACE, "Stockholm"},
    {"Sudan", CDK_ENTITY_PLACE, "Sudan"},
    {"Sun", CDK_ENTITY_ORGANISATION, "Sun"},
    {"Supreme Court", CDK_ENTITY_ORGANISATION, "Supreme Court"},
    {"Sweden", CDK_ENTITY_PLACE, "Sweden"},
    {"Swedish", CDK_ENTITY_PLACE, "Sweden"},
    {"Swiss", CDK_ENTITY_PLACE, "Switzerland"},
    {"Switzerland", CDK_ENTITY_PLACE, "Switzerland"},
    {"Sydney", CDK_ENTITY_PLACE, "Sydney"},
    {"Syria", CDK_ENTITY_PLACE, "Syria"},
    {"Syrian", CDK_ENTITY_PLACE, "Syria"},
    {"TASS", CDK_ENTITY_ORGANISATION, "TASS"},
    {"Taipei", CDK_ENTITY_PLACE, "Taipei"},
    {"Taiwan", CDK_ENTITY_PLACE, "Taiwan"},
    {"Taiwanese", CDK_ENTITY_PLACE, "Taiwan"},
    {"Taliban", CDK_ENTITY_ORGANISATION, "Taliban"},
    {"Tanzania", CDK_ENTITY_PLACE, "Tanzania"},
    {"Tehran", CDK_ENTITY_PLACE, "Tehran"},
    {"Tel Aviv", CDK_ENTITY_PLACE, "Tel Aviv"},
    {"Telegraph", CDK_ENTITY_ORGANISATION, "Telegraph"},
    {"Tennessee", CDK_ENTITY_PLACE, "Tennessee"},
    {"Tesla", CDK_ENTITY_ORGANISATION, "Tesla"},
    {"Texas", CDK_ENTITY_PLACE, "Texas"},
    {"Thai", CDK_ENTITY_PLACE, "Thailand"},
    {"Thailand", CDK_ENTITY_PLACE, "Thailand"},
    {"Times", CDK_ENTITY_ORGANISATION, "Times"},
    {"Tokyo", CDK_ENTITY_PLACE, "Tokyo"},
    {"Tories", CDK_ENTITY_ORGANISATION, "Tories"},
    {"Toronto", CDK_ENTITY_PLACE, "Toronto"},
    {"Toyota", CDK_ENTITY_ORGANISATION, "Toyota"},
    {"Treasury", CDK_ENTITY_ORGANISATION, "Treasury"},
    {"Tunisia", CDK_ENTITY_PLACE, "Tunisia"},
    {"Turkey", CDK_ENTITY_PLACE, "Turkey"},
    {"Turkish", CDK_ENTITY_PLACE, "Turkey"},
    {"Twitter", CDK_ENTITY_ORGANISATION, "Twitter"},
    {"U.K.", CDK_ENTITY_PLACE, "United Kingdom"},
    {"U.N.", CDK_ENTITY_ORGANISATION, "United Nations"},
    {"U.S.", CDK_ENTITY_PLACE, "United States"},
    {"U.S.A.", CDK_ENTITY_PLACE, "United States"},
    {"UAE", CDK_ENTITY_PLACE, "United Arab Emirates"},
    {"UBS", CDK_ENTITY_ORGANISATION, "UBS"},
    {"UK", CDK_ENTITY_PLACE, "United Kingdom"},
    {"UN", CDK_ENTITY_ORGANISATION, "United Nations"},
    {"UN Security Council", CDK_ENTITY_ORGANISATION, "UN Security Council"},
    {"US", CDK_ENTITY_PLACE, "United States"},
    {"USA", CDK_ENTITY_PLACE, "United States"},
    {"Uganda", CDK_ENTITY_PLACE, "Uganda"},
    {"Ukraine", CDK_ENTITY_PLACE, "Ukraine"},
    {"Ukrainian", CDK_ENTITY_PLACE, "Ukraine"},
    {"United Arab Emirates", CDK_ENTITY_PLACE, "United Arab Emirates"},
    {"United Kingdom", CDK_ENTITY_PLACE, "United Kingdom"},
    {"United Nations", CDK_ENTITY_ORGANISATION, "United Nations"},
    {"United States", CDK_ENTITY_PLACE, "United States"},
    {"Universal", CDK_ENTITY_ORGANISATION, "Universal"},
    {"Uruguay", CDK_ENTITY_PLACE, "Uruguay"},
    {"Utah", CDK_ENTITY_PLACE, "Utah"},
    {"Uzbekistan", CDK_ENTITY_PLACE, "Uzbekistan"},
    {"Vancouver", CDK_ENTITY_PLACE, "Vancouver"},
    {"Venezuela", CDK_ENTITY_PLACE, "Venezuela"},
    {"Venezuelan", CDK_ENTITY_PLACE, "Venezuela"},
    {"Vermont", CDK_ENTITY_PLACE, "Vermont"},
    {"Vienna", CDK_ENTITY_PLACE, "Vienna"},
    {"Vietnam", CDK_ENTITY_PLACE, "Vietnam"},
    {"Vietnamese", CDK_ENTITY_PLACE, "Vietnam"},
    {"Virginia", CDK_ENTITY_PLACE, "Virginia"},
    {"Vodafone", CDK_ENTITY_ORGANISATION, "Vodafone"},
    {"Volkswagen", CDK_ENTITY_ORGANISATION, "Volkswagen"},
    {"Vox", CDK_ENTITY_ORGANISATION, "Vox"},
    {"WHO", CDK_ENTITY_ORGANISATION, "WHO"},
    {"WTO", CDK_ENTITY_ORGANISATION, "WTO"},
    {"Wal-Mart", CDK_ENTITY_ORGANISATION, "Walmart"},
    {"Wales", CDK_ENTITY_PLACE, "Wales"},
    {"Wall Street Journal", CDK_ENTITY_ORGANISATION, "Wall Street Journal"},
    {"Walmart", CDK_ENTITY_ORGANISATION, "Walmart"},
    {"Warner Bros", CDK_ENTITY_ORGANISATION, "Warner Bros"},
    {"Warsaw", CDK_ENTITY_PLACE, "Warsaw"},
    {"Washington", CDK_ENTITY_PLACE, "Washington"},
    {"Washington DC", CDK_ENTITY_PLACE, "Washington"},
    {"Washington Post", CDK_ENTITY_ORGANISATION, "Washington Post"},
    {"Welsh", CDK_ENTITY_PLACE, "Wales"},
    {"West Bank", CDK_ENTITY_PLACE, "West Bank"},
    {"West Virginia", CDK_ENTITY_PLACE, "West Virginia"},
    {"Western Europe", CDK_ENTITY_PLACE, "Western Europe"},
    {"White House", CDK_ENTITY_ORGANISATION, "White House"},
    {"Whitehall", CDK_ENTITY_ORGANISATION, "Whitehall"},
    {"Wisconsin", CDK_ENTITY_PLACE, "Wisconsin"},
    {"World Bank", CDK_ENTITY_ORGANISATION, "World Bank"},
    {"World Health Organization", CDK_ENTITY_ORGANISATION, "WHO"},
    {"World Trade Organization", CDK_ENTITY_ORGANISATION, "WTO"},
    {"Wyoming", CDK_ENTITY_PLACE, "Wyoming"},
    {"Xinhua", CDK_ENTITY_ORGANISATION, "Xinhua"},
    {"Yahoo", CDK_ENTITY_ORGANISATION, "Yahoo"},
    {"Yemen", CDK_ENTITY_PLACE, "Yemen"},
    {"Zambia", CDK_ENTITY_PLACE, "Zambia"},
    {"Zaporizhzhia", CDK_ENTITY_PLACE, "Zaporizhzhia"},
    {"Zimbabwe", CDK_ENTITY_PLACE, "Zimbabwe"},
    {"Zurich", CDK_ENTITY_PLACE, "Zurich"},
};

static const char *const stop_caps[] = {
    "A", "About", "According", "After", "Afterwards", "Again", "Against",
    "Ahead", "All", "Almost", "Along", "Already", "Also", "Although",
    "Always", "Among", "An", "And", "Another", "Any", "Anyone", "Anything",
    "Are", "As", "Asked", "At", "Because", "Before", "Behind", "Being",
    "Besides", "Between", "Both", "But", "By", "Can", "Could", "Despite",
    "Did", "Do", "Does", "Dr", "During", "Each", "Earlier", "Either", "Even",
    "Ever", "Every", "Everyone", "Everything", "Few", "Finally", "For",
    "Former", "From", "Furthermore", "Had", "Has", "Have", "He", "Her",
    "Here", "His", "How", "However", "I", "If", "In", "Including", "Indeed",
    "Inside", "Instead", "Is", "It", "Its", "Just", "Last", "Later", "Like",
    "Many", "May", "Meanwhile", "More", "Moreover", "Most", "Mr", "Mrs", "Ms",
    "Much", "My", "Nearly", "Neither", "Never", "Nevertheless", "New", "Next",
    "No", "Nobody", "None", "Nor", "Not", "Nothing", "Now", "Of", "Off", "On",
    "Once", "One", "Only", "Or", "Other", "Others", "Our", "Over", "Perhaps",
    "Several", "She", "Should", "Since", "So", "Some", "Someone", "Something",
    "Still", "Such", "That", "The", "Their", "Them", "Then", "There", "These",
    "They", "This", "Those", "Though", "Through", "Thus", "To", "Today",
    "Tomorrow", "Too", "Under", "Unless", "Until", "Upon", "Very", "Was",
    "We", "Were", "What", "Whatever", "When", "Where", "Whether", "Which",
    "While", "Who", "Whom", "Whose", "Why", "Will", "With", "Within",
    "Without", "Would", "Yes", "Yesterday", "Yet", "You", "Your",
};

static const char *const titles[] = {
    "Adm", "Admiral", "Ambassador", "Attorney", "Ayatollah", "Capt",
    "Captain", "Chairman", "Chairwoman", "Chancellor", "Chief", "Col",
    "Colonel", "Commander", "Commissioner", "Congressman", "Congresswoman",
    "Crown", "Dame", "Defence", "Defense", "Deputy", "Director", "Dr", "Emir",
    "Envoy", "Executive", "Father", "Finance", "Foreign", "Gen", "General",
    "Gov", "Governor", "Health", "Home", "Interior", "Judge", "Justice",
    "King", "Lady", "Leader", "Lieutenant", "Lord", "Lt", "Mayor", "Minister",
    "Miss", "Mr", "Mrs", "Ms", "Officer", "Pope", "Premier", "President",
    "Prime", "Prince", "Princess", "Prof", "Professor", "Queen", "Rep",
    "Representative", "Rev", "Secretary", "Sen", "Senator", "Sergeant", "Sgt",
    "Shadow", "Sheikh", "Sir", "Speaker", "Spokesman", "Spokeswoman", "State",
    "Treasurer", "Vice",
};

static const char *const person_cues[] = {
    "according", "actor", "actress", "added", "adviser", "advisor", "aide",
    "analyst", "asked", "attorney", "author", "brother", "candidate",
    "captain", "chairman", "chairwoman", "champion", "climatologist", "coach",
    "columnist", "commissioner", "correspondent", "daughter", "dean",
    "defender", "director", "economist", "editor", "envoy", "executive",
    "founder", "goalkeeper", "governor", "head", "host", "husband",
    "journalist", "judge", "lawyer", "leader", "manager", "mayor",
    "midfielder", "minister", "novelist", "official", "owner", "player",
    "president", "professor", "prosecutor", "reporter", "researcher", "said",
    "says", "senator", "singer", "sister", "son", "spokesman", "spokesperson",
    "spokeswoman", "star", "strategist", "striker", "told", "wife", "winger",
    "writer",
};

static const char *const say_verbs[] = {
    "added", "admitted", "announced", "argued", "asked", "believes",
    "claimed", "explained", "insisted", "noted", "recalled", "recalls",
    "replied", "said", "says", "stated", "thinks", "told", "tweeted",
    "warned", "wrote",
};

static const char *const org_last[] = {
    "Act", "Administration", "Agency", "Airlines", "Airways", "Alliance",
    "Army", "Assembly", "Association", "Authority", "Bank", "Board", "Bureau",
    "Cabinet", "Capital", "Center", "Centre", "Church", "Club", "Coalition",
    "College", "Commission", "Committee", "Company", "Congress", "Corp",
    "Corporation", "Council", "Court", "Department", "Exchange", "FC",
    "Federation", "Force", "Forces", "Forum", "Foundation", "Fund", "Group",
    "Guard", "Holdings", "Hospital", "Inc", "Initiative", "Institute",
    "Journal", "LLC", "Labs", "League", "Ltd", "Media", "Ministry", "Monitor",
    "Motors", "Navy", "Network", "News", "Office", "Organisation",
    "Organization", "Parliament", "Partners", "Party", "Pictures", "Plc",
    "Police", "Post", "Press", "Records", "Reserve", "Service", "Services",
    "Society", "Studios", "Systems", "Technologies", "Telegraph", "Times",
    "Tribune", "Trust", "Union", "United", "University",
};

static const char *const org_first[] = {
    "Academy", "Administration", "Agency", "Association", "Authority", "Bank",
    "Board", "Bureau", "Center", "Centers", "Centre", "Church", "College",
    "Commission", "Committee", "Council", "Court", "Department", "Federation",
    "Institute", "Institutes", "League", "Ministry", "Office", "Organisation",
    "Organization", "School", "Society", "Union", "University",
};

static const char *const place_last[] = {
    "Airport", "Avenue", "Basin", "Bay", "Bridge", "Canal", "Canyon",
    "Channel", "Cities", "City", "Coast", "County", "Desert", "Forest",
    "Gulf", "Heights", "Island", "Islands", "Lake", "Mountain", "Mountains",
    "Ocean", "Park", "Peninsula", "Plaza", "Province", "Region", "Republic",
    "River", "Road", "Sea", "Square", "Stadium", "Strait", "Street", "Valley",
    "Village",
};

static const char *const place_first[] = {
    "Cape", "City", "Fort", "Gulf", "Isle", "Lake", "Mount", "Mt", "Port",
    "St",
};

static const char *const non_entity[] = {
    "AI", "AIDS", "AM", "AND", "ARE", "BST", "BY", "CCTV", "CD", "CEO", "CFO",
    "COO", "CPU", "CTO", "DNA", "DVD", "ESG", "EST", "ET", "EUR", "FAQ",
    "FOR", "GBP", "GDP", "GMT", "GPS", "HIV", "HR", "ID", "II", "III", "IN",
    "IPO", "IS", "IV", "LGBT", "LIVE", "MEP", "MEPs", "MORE", "MP", "MPs",
    "NEWS", "NFT", "OF", "OK", "ON", "PC", "PDF", "PM", "PR", "READ", "RNA",
    "SIGN", "SUV", "THE", "TO", "TV", "UFO", "UP", "URL", "USD", "UTC", "VAT",
    "VR", "WATCH", "WITH",
};

static const char *const connectors[] = {
    "al", "bin", "da", "de", "del", "della", "den", "der", "di", "du", "ibn",
    "la", "le", "of", "van", "von",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Abbreviations whose period stays with them before a capital. */
static const char *const dotted[] = {
    "Capt", "Col", "Dr", "Ft", "Gen", "Gov", "Lt", "Mr", "Mrs", "Ms", "Mt",
    "Prof", "Rep", "Rev", "Sen", "Sgt", "St",
};

static const char *const months[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};
static const char *const weekdays[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday",
};
static const char *const small_numbers[] = {
    "zero",    "one",     "two",       "three",    "four",     "five",
    "six",     "seven",   "eight",     "nine",     "ten",      "eleven",
    "twelve",  "thirteen", "fourteen", "fifteen",  "sixteen",  "seventeen",
    "eighteen", "nineteen", "twenty",
};
static const unsigned char small_number_len[] = {
    4, 3, 3, 5, 4, 4, 3, 5, 5, 4, 3, 6, 6, 8, 8, 7, 7, 9, 8, 8, 6,
};
_Static_assert(sizeof(small_number_len) ==
                   sizeof(small_numbers) / sizeof(small_numbers[0]),
               "one length per small number");

enum ttype { T_END = 0, T_WORD, T_NUM, T_SYM };

struct tok {
    size_t b, e;   /* the token; for a possessive, without "'s" */
    size_t next;   /* where the next token search starts */
    size_t ne;     /* T_NUM: end of the digits (e - ne is the suffix) */
    enum ttype type;
    bool cap;      /* starts with a capital */
    bool acro;     /* no lowercase letter, two or more characters */
    bool poss;     /* "Trump's", "Trump’s" */
    bool lowhyph;  /* "Western-backed": a lowercase part after a hyphen */
    uint32_t cp;   /* T_SYM: the code point */
    uint32_t wl;   /* 0, or WL_KNOWN | the word lists (tok_lists) */
};

struct ctx {
    const char *body;
    const unsigned char *t;
    size_t start, end;
    size_t cpos_b, cpos; /* character offset cpos is at byte cpos_b */
    size_t cstart;
    struct cdk_entity **v;
    size_t *n, *alloc;
    size_t n0;     /* *n when the call began: the sentence's are after it */
    struct cdk_entities *sx; /* the value offsets and texts (add) */
    /* the published date; 0 for unknown parts */
    int py, pm, pd;
    int future;    /* the sentence talks about the future ("will"): 1, 0,
                    * or -1 until asked (speaks_of_future) */
    int headline;  /* mostly capitalised words: 1, 0, or -1 until asked
                    * (is_headline) */
    bool ago;      /* "ago" occurs in the sentence */
    bool ascii;    /* no byte >= 0x80: characters are bytes */
    bool fenced;   /* t[end - 1] is no space, letter or digit (ctx_set) */
    /* the current run of capitalised words: run[0..nrun) */
    size_t nrun;
    bool run_initial; /* it starts the sentence */
    bool run_weak; /* it holds "and" or "for" (is_weak: pushed only as
                    * connectors, as no name token is lowercase) */
    size_t before_b, before_e; /* the word before the run */
    struct tok run[MAX_RUN]; /* last: not cleared (CTX_CLEAR) */
};
/* The bytes of struct ctx to zero per sentence: all but run[]. */
#define CTX_CLEAR offsetof(struct ctx, run)

/* The word lists, by their bit in a word's set of lists (word_lists). */
enum wl_id {
    WL_STOP_CAPS,
    WL_TITLES,
    WL_PERSON_CUES,
    WL_SAY_VERBS,
    WL_ORG_LAST,
    WL_ORG_FIRST,
    WL_PLACE_LAST,
    WL_PLACE_FIRST,
    WL_NON_ENTITY,
    WL_CONNECTORS,
    WL_DOTTED,
    /* not lists of their own: the gazetteer's names as a filter, so that
     * a run's words, looked up once (tok_lists), tell gaz_run whether a
     * gazetteer lookup can hit at all */
    WL_GAZ_WORD, /* a name of one word, as spelled */
    WL_GAZ_HEAD, /* the first word of a name of several */
};
/* In struct tok.wl: its lists have been looked up. */
#define WL_KNOWN (1u << 31)

static bool in_list(enum wl_id l, const char *w, size_t wlen);
static bool speaks_of_future(struct ctx *c);
static bool is_headline(struct ctx *c);

/* ------------------------------------------------------------------ */
/* Characters and tokens.                                              */

static bool
is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool
is_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}

static bool
is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static uint32_t
cp_at(const struct ctx *c, size_t i, size_t *w)
{
    uint32_t cp;

    *w = cdk_utf8_next(c->body + i, c->end - i, &cp);
    return cp;
}

/* 1 capital, 2 lowercase, 3 letter without case, 0 not a letter. */
static int
letter_at(const struct ctx *c, size_t i, size_t *w)
{
    unsigned char b = c->t[i];
    uint32_t cp;

    *w = 1;
    if (is_upper(b))
        return 1;
    if (is_lower(b))
        return 2;
    if (b < 0x80)
        return 0;
    cp = cp_at(c, i, w);
    if (cp == 0xFFFD || cp < 0xC0 || cp == 0xD7 || cp == 0xF7 ||
        (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
        (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFF00 && cp <= 0xFF20) ||
        cp >= 0xFFF0)
        return 0;
    if ((cp >= 0xC0 && cp <= 0xDE) || (cp >= 0x391 && cp <= 0x3A9) ||
        (cp >= 0x400 && cp <= 0x42F))
        return 1;
    if ((cp >= 0xDF && cp <= 0xFF) || (cp >= 0x3B1 && cp <= 0x3C9) ||
        (cp >= 0x430 && cp <= 0x45F))
        return 2;
    if (cp >= 0x100 && cp <= 0x17F)
        return (cp & 1) ? 2 : 1;
    return 3;
}

static bool
apostrophe_at(const struct ctx *c, size_t i, size_t *w)
{
    *w = 1;
    if (c->t[i] == '\'')
        return true;
    if (i + 2 < c->end && c->t[i] == 0xE2 && c->t[i + 1] == 0x80 &&
        c->t[i + 2] == 0x99) {
        *w = 3;
        return true;
    }
    return false;
}

static bool
is_space(unsigned char b)
{
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\v' ||
           b == '\f';
}

/*
 * Byte classes for the tokenizer's loops: one load, one test. BC_JOIN
 * marks the bytes that may join or extend a word after its letters
 * ('-', '.', "'", and every byte >= 0x80): tok_scan leaves a word
 * followed by one of them to tok_scan_full.
 */
enum { BC_SPACE = 1, BC_DIGIT = 2, BC_UPPER = 4, BC_LOWER = 8, BC_JOIN = 16 };
#define BC_ALNUM (BC_DIGIT | BC_UPPER | BC_LOWER)
#define BC_R4(x) x, x, x, x
#define BC_R8(x) BC_R4(x), BC_R4(x)
#define BC_R16(x) BC_R8(x), BC_R8(x)
static const unsigned char byte_class[256] = {
    /* 0x00 */ 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* \t \n \v \f \r */ BC_SPACE, BC_SPACE, BC_SPACE, BC_SPACE, BC_SPACE,
    /* 0x0E */ 0, 0, BC_R16(0),
    /* ' ' */ BC_SPACE, 0, 0, 0, 0, 0, 0, /* '\'' */ BC_JOIN,
    /* '(' */ 0, 0, 0, 0, 0, /* '-' '.' */ BC_JOIN, BC_JOIN, /* '/' */ 0,
    /* '0' */ BC_R8(BC_DIGIT), BC_DIGIT, BC_DIGIT, 0, 0, 0, 0, 0, 0,
    /* '@' */ 0, BC_R8(BC_UPPER), BC_R16(BC_UPPER), BC_UPPER, BC_UPPER, 0, 0, 0, 0, 0,
    /* '`' */ 0, BC_R8(BC_LOWER), BC_R16(BC_LOWER), BC_LOWER, BC_LOWER, 0, 0, 0, 0, 0,
    /* 0x80 */ BC_R16(BC_JOIN), BC_R16(BC_JOIN), BC_R16(BC_JOIN),
    BC_R16(BC_JOIN), BC_R16(BC_JOIN), BC_R16(BC_JOIN), BC_R16(BC_JOIN),
    BC_R16(BC_JOIN),
};

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ENT_SWAR 1 /* eight bytes at a step where the byte order is known */

/* Eight bytes of p at once (any alignment). */
static inline uint64_t
load64(const unsigned char *p)
{
    uint64_t w;

    memcpy(&w, p, sizeof(w));
    return w;
}

#define ONES64 0x0101010101010101ULL
#define HIGHS64 0x8080808080808080ULL
#endif

/*
 * The first k >= j (k < end) where t[k] is no ASCII letter or digit, or
 * end when there is none: eight bytes at a step where the byte order is
 * known. A byte's low seven bits x (at most 0x7F) plus a constant below
 * 0x81 carries into no other byte; its high bit then says x >= the
 * bound. A word's end costs no branch on its length.
 */
static inline size_t
alnum_end(const unsigned char *t, size_t j, size_t end)
{
#ifdef ENT_SWAR
    while (j + 8 <= end) {
        uint64_t w = load64(t + j), x = w & ~HIGHS64;
        uint64_t f = x | (0x20 * ONES64); /* capitals folded */
        uint64_t letter = (f + (0x80 - 'a') * ONES64) &
                          ~(f + (0x80 - 'z' - 1) * ONES64);
        uint64_t digit = (x + (0x80 - '0') * ONES64) &
                         ~(x + (0x80 - '9' - 1) * ONES64);
        uint64_t other = ~((letter | digit) & ~w) & HIGHS64;

        if (other)
            return j + (size_t)__builtin_ctzll(other) / 8;
        j += 8;
    }
#endif
    while (j < end && (byte_class[t[j]] & BC_ALNUM))
        j++;
    return j;
}


/*
 * The whole tokenizer (tok_scan_ref's rules, with the sentence's bounds
 * in locals); tok_scan takes the common words itself.
 */
static void
tok_scan_full(const struct ctx *c, size_t i, struct tok *kp)
{
    const unsigned char *t = c->t;
    const size_t end = c->end;
    size_t w, w2, j;
    unsigned bc;
    int l;
    bool lower = false, upper = false;

    *kp = (struct tok){0};
    while (i < end && (byte_class[t[i]] & BC_SPACE))
        i++;
    /* no-break and other Unicode spaces */
    while (i + 1 < end && t[i] == 0xC2 && t[i + 1] == 0xA0) {
        i += 2;
        while (i < end && (byte_class[t[i]] & BC_SPACE))
            i++;
    }
    kp->b = kp->e = kp->next = i;
    if (i >= end)
        return;
    bc = byte_class[t[i]];
    if (bc & BC_DIGIT) {
        kp->type = T_NUM;
        j = i;
        while (j < end) {
            if (is_digit(t[j]))
                j++;
            else if ((t[j] == ',' || t[j] == '.') && j + 1 < end &&
                     is_digit(t[j + 1]))
                j++;
            else
                break;
        }
        kp->ne = j;
        while (j < end && j - kp->ne < 12 &&
               (byte_class[t[j]] & (BC_UPPER | BC_LOWER)))
            j++;
        kp->e = kp->next = j;
        return;
    }
    /* ASCII first: letter_at only decodes beyond it */
    if (bc & BC_UPPER)
        l = 1, w = 1;
    else if (bc & BC_LOWER)
        l = 2, w = 1;
    else
        l = letter_at(c, i, &w);
    if (!l) {
        kp->type = T_SYM;
        kp->cp = t[i] < 0x80 ? t[i] : cp_at(c, i, &w);
        kp->e = kp->next = i + w;
        return;
    }
    kp->type = T_WORD;
    kp->cap = l == 1;
    j = i;
    for (;;) {
        /* the common case: a run of ASCII letters and digits */
        unsigned seen = 0;

        while (j < end && ((bc = byte_class[t[j]]) & BC_ALNUM)) {
            seen |= bc;
            j++;
        }
        if (seen & BC_LOWER)
            lower = true;
        if (seen & BC_UPPER)
            upper = true;
        /* (an ASCII digit would have stayed in the loop above) */
        l = j < end && t[j] >= 0x80 ? letter_at(c, j, &w) : 0;
        if (l) {
            if (l == 2)
                lower = true;
            if (l == 1)
                upper = true;
            j += w;
            continue;
        }
        if (j + 1 >= end)
            break;
        /* a space ends the word: no joiner, final '.' or "'" follows */
        if (byte_class[t[j]] & BC_SPACE)
            goto ended;
        if (t[j] == '-' && (l = letter_at(c, j + 1, &w2))) {
            if (l == 2)
                kp->lowhyph = true;
            j++;
            continue;
        }
        if (t[j] == '.' && letter_at(c, j + 1, &w2) &&
            (j + 2 >= end || t[j + 2] == '.')) {
            j++; /* "U.S", "a.m" */
            continue;
        }
        if (apostrophe_at(c, j, &w2) && j + w2 < end &&
            letter_at(c, j + w2, &w)) {
            if (t[j + w2] == 's' &&
                (j + w2 + 1 >= end || !letter_at(c, j + w2 + 1, &w))) {
                kp->poss = true;
                kp->e = j;
                kp->next = j + w2 + 1;
                kp->acro = !lower && (kp->e - kp->b) >= 2;
                return;
            }
            j += w2; /* "O'Brien", "don't" */
            continue;
        }
        break;
    }
    /* the final period of "U.S." belongs to it, and that of "St. Croix" */
    if (j < end && t[j] == '.' && j >= i + 2 && t[j - 2] == '.')
        j++;
    else if (j + 2 < end && t[j] == '.' && t[j + 1] == ' ' &&
             is_upper(t[j + 2]) && j - i < PHRASE_MAX &&
             in_list(WL_DOTTED, c->body + i, j - i))
        j++;
    /* "Americans'" */
    if (j < end && t[j] == '\'' && j > i && t[j - 1] == 's') {
        kp->poss = true;
        kp->e = j;
        kp->next = j + 1;
        kp->acro = !lower && upper && (kp->e - kp->b) >= 2;
        return;
    }
ended:
    kp->e = kp->next = j;
    kp->acro = !lower && upper && (kp->e - kp->b) >= 2;
}

/* Point c at the sentence body[start..end). */
static void
ctx_bounds(struct ctx *c, const char *body, size_t start, size_t end)
{
    c->body = body;
    c->t = (const unsigned char *)body;
    c->start = start;
    c->end = end;
    c->fenced = end > start &&
                !(byte_class[c->t[end - 1]] & (BC_ALNUM | BC_SPACE));
}

/*
 * For tok_scan in a fenced sentence: the ASCII word t[i..j) (j < end)
 * as tok_scan_full reads it, when what follows is simple: it can
 * neither extend the word nor end it specially, or it is the sentence's
 * final '.' (no letter follows to join, and t[j - 2] is no '.' of
 * "U.S."), or it is the "'s" of a possessive. False for anything else.
 */
static inline bool
word_ends(const struct ctx *c, size_t i, size_t j, bool cap, bool acro,
          struct tok *kp)
{
    const unsigned char *t = c->t;

    if (!(byte_class[t[j]] & BC_JOIN) || (t[j] == '.' && j + 1 == c->end)) {
        *kp = (struct tok){.b = i, .e = j, .next = j, .type = T_WORD,
                           .cap = cap, .acro = acro};
        return true;
    }
    if (t[j] == '\'' && j + 1 < c->end && t[j + 1] == 's' &&
        (j + 2 == c->end ||
         (t[j + 2] < 0x80 &&
          !(byte_class[t[j + 2]] & (BC_UPPER | BC_LOWER))))) {
        *kp = (struct tok){.b = i, .e = j, .next = j + 2, .type = T_WORD,
                           .cap = cap, .acro = acro, .poss = true};
        return true;
    }
    return false;
}

/*
 * tok_scan where t[end - 1] does not fence the loops (or i >= end): the
 * common tokens with bound checks, the rest to tok_scan_full.
 */
static void
tok_scan_bounded(const struct ctx *c, size_t i, struct tok *kp)
{
    const unsigned char *t = c->t;
    const size_t end = c->end;
    unsigned first, seen, bc;
    size_t j;

    if (i >= end) {
        *kp = (struct tok){.b = i, .e = i, .next = i}; /* T_END */
        return;
    }
    while (i < end && (byte_class[t[i]] & BC_SPACE))
        i++;
    if (i < end && ((first = byte_class[t[i]]) & (BC_UPPER | BC_LOWER))) {
        seen = first;
        for (j = i + 1; j < end && ((bc = byte_class[t[j]]) & BC_ALNUM); j++)
            seen |= bc;
        if (j == end || !(byte_class[t[j]] & BC_JOIN)) {
            *kp = (struct tok){.b = i, .e = j, .next = j, .type = T_WORD,
                               .cap = (first & BC_UPPER) != 0,
                               .acro = !(seen & BC_LOWER) && j - i >= 2};
            return;
        }
    }
    /* ASCII punctuation: a symbol token of one byte */
    if (i < end && t[i] < 0x80 && !(byte_class[t[i]] & (BC_ALNUM | BC_SPACE))) {
        *kp = (struct tok){.b = i, .e = i + 1, .next = i + 1, .type = T_SYM,
                           .cp = t[i]};
        return;
    }
    tok_scan_full(c, i, kp);
}

/*
 * Read the token at or after i into *kp. Most tokens are ASCII words
 * ended by a space or by punctuation that joins nothing, or ASCII
 * punctuation; they are read here, inline. The rest (numbers, non-ASCII
 * symbols and letters, '-', '.' and "'" after a word, no-break spaces)
 * go to tok_scan_full. Either way the token is tok_scan_ref's
 * (cdk_entities_tokens_agree).
 */
static inline void
tok_scan(const struct ctx *c, size_t i, struct tok *kp)
{
    const unsigned char *t = c->t;
    const size_t end = c->end;
    unsigned first, seen, bc;
    size_t j;

    if (c->fenced && i < end) {
        /* t[end - 1] stops every loop here: no bound checks (and
         * mostly one space comes before a token) */
        i += t[i] == ' ';
        while (byte_class[t[i]] & BC_SPACE)
            i++;
        first = byte_class[t[i]];
        if (first & BC_LOWER) {
            /* two bytes a step: t[j] a letter or digit is before the
             * fence, so t[j + 1] exists */
            for (j = i + 1; byte_class[t[j]] & BC_ALNUM; j += 2)
                if (!(byte_class[t[j + 1]] & BC_ALNUM)) {
                    j++;
                    break;
                }
            if (word_ends(c, i, j, false, false, kp))
                return;
        } else if (first & BC_UPPER) {
            seen = 0;
            for (j = i + 1; (bc = byte_class[t[j]]) & BC_ALNUM; j++)
                seen |= bc;
            if (word_ends(c, i, j, true, !(seen & BC_LOWER) && j - i >= 2,
                          kp))
                return;
        } else if (t[i] < 0x80 && !(first & BC_DIGIT)) {
            /* ASCII punctuation: a symbol token of one byte */
            *kp = (struct tok){.b = i, .e = i + 1, .next = i + 1,
                               .type = T_SYM, .cp = t[i]};
            return;
        }
        tok_scan_full(c, i, kp);
        return;
    }
    tok_scan_bounded(c, i, kp);
}

/*
 * The tokenizer as it was before tok_scan read eight bytes at a step: the
 * reference the test suite compares tok_scan with (cdk_entities_check).
 */
static void
tok_scan_ref(const struct ctx *c, size_t i, struct tok *kp)
{
    size_t w, w2, j;
    int l;
    bool lower = false, upper = false;

    *kp = (struct tok){0};
    while (i < c->end && (byte_class[c->t[i]] & BC_SPACE))
        i++;
    /* no-break and other Unicode spaces */
    while (i + 1 < c->end && c->t[i] == 0xC2 && c->t[i + 1] == 0xA0) {
        i += 2;
        while (i < c->end && (byte_class[c->t[i]] & BC_SPACE))
            i++;
    }
    kp->b = kp->e = kp->next = i;
    if (i >= c->end)
        return;
    if (is_digit(c->t[i])) {
        kp->type = T_NUM;
        j = i;
        while (j < c->end) {
            if (is_digit(c->t[j]))
                j++;
            else if ((c->t[j] == ',' || c->t[j] == '.') && j + 1 < c->end &&
                     is_digit(c->t[j + 1]))
                j++;
            else
                break;
        }
        kp->ne = j;
        while (j < c->end && j - kp->ne < 12 && (is_lower(c->t[j]) ||
                                               is_upper(c->t[j])))
            j++;
        kp->e = kp->next = j;
        return;
    }
    /* ASCII first: letter_at only decodes beyond it */
    if (is_upper(c->t[i]))
        l = 1, w = 1;
    else if (is_lower(c->t[i]))
        l = 2, w = 1;
    else
        l = letter_at(c, i, &w);
    if (!l) {
        kp->type = T_SYM;
        kp->cp = cp_at(c, i, &w);
        kp->e = kp->next = i + w;
        return;
    }
    kp->type = T_WORD;
    kp->cap = l == 1;
    j = i;
    for (;;) {
        /* the common case: a run of ASCII letters and digits */
        unsigned seen = 0, bc;

        while (j < c->end && ((bc = byte_class[c->t[j]]) & BC_ALNUM)) {
            seen |= bc;
            j++;
        }
        if (seen & BC_LOWER)
            lower = true;
        if (seen & BC_UPPER)
            upper = true;
        /* (an ASCII digit would have stayed in the loop above) */
        l = j < c->end && c->t[j] >= 0x80 ? letter_at(c, j, &w) : 0;
        if (l) {
            if (l == 2)
                lower = true;
            if (l == 1)
                upper = true;
            j += w;
            continue;
        }
        if (j + 1 >= c->end)
            break;
        /* a space ends the word: no joiner, final '.' or "'" follows */
        if (byte_class[c->t[j]] & BC_SPACE)
            goto ended;
        if (c->t[j] == '-' && letter_at(c, j + 1, &w2)) {
            if (letter_at(c, j + 1, &w2) == 2)
                kp->lowhyph = true;
            j++;
            continue;
        }
        if (c->t[j] == '.' && letter_at(c, j + 1, &w2) &&
            (j + 2 >= c->end || c->t[j + 2] == '.')) {
            j++; /* "U.S", "a.m" */
            continue;
        }
        if (apostrophe_at(c, j, &w2) && j + w2 < c->end &&
            letter_at(c, j + w2, &w)) {
            if (c->t[j + w2] == 's' &&
                (j + w2 + 1 >= c->end || !letter_at(c, j + w2 + 1, &w))) {
                kp->poss = true;
                kp->e = j;
                kp->next = j + w2 + 1;
                kp->acro = !lower && (kp->e - kp->b) >= 2;
                return;
            }
            j += w2; /* "O'Brien", "don't" */
            continue;
        }
        break;
    }
    /* the final period of "U.S." belongs to it, and that of "St. Croix" */
    if (j < c->end && c->t[j] == '.' && j >= i + 2 && c->t[j - 2] == '.')
        j++;
    else if (j + 2 < c->end && c->t[j] == '.' && c->t[j + 1] == ' ' &&
             is_upper(c->t[j + 2]) && j - i < PHRASE_MAX &&
             in_list(WL_DOTTED, c->body + i, j - i))
        j++;
    /* "Americans'" */
    if (j < c->end && c->t[j] == '\'' && j > i && c->t[j - 1] == 's') {
        kp->poss = true;
        kp->e = j;
        kp->next = j + 1;
        kp->acro = !lower && upper && (kp->e - kp->b) >= 2;
        return;
    }
ended:
    kp->e = kp->next = j;
    kp->acro = !lower && upper && (kp->e - kp->b) >= 2;
    return;
}

/* The token at or after i (tok_scan for a value). */
static struct tok
tok_read(const struct ctx *c, size_t i)
{
    struct tok k;

    tok_scan(c, i, &k);
    return k;
}

static bool
tok_eq(const struct ctx *c, const struct tok *k, const char *w, size_t n)
{
    return k->type == T_WORD && k->e - k->b == n &&
           memcmp(c->body + k->b, w, n) == 0;
}

/* Case-insensitive ASCII comparison of a token with a lowercase word. */
static bool
tok_eq_ci(const struct ctx *c, const struct tok *k, const char *w, size_t n)
{
    size_t i;

    if (k->type != T_WORD || k->e - k->b != n)
        return false;
    for (i = 0; i < n; i++)
        if ((c->t[k->b + i] | 0x20) != (unsigned char)w[i])
            return false;
    return true;
}

/* With a string literal, so that the length is known at compile time. */
#define tok_is(c, k, lit) tok_eq((c), (k), "" lit, sizeof(lit) - 1)
#define tok_is_ci(c, k, lit) tok_eq_ci((c), (k), "" lit, sizeof(lit) - 1)

/*
 * The word lists as one hash table, built on first use: a word maps to
 * the set of lists holding it, so a lookup is one hash and a probe or
 * two instead of a binary search over scattered strings.
 */
static const struct {
    const char *const *list;
    size_t n;
} word_lists[] = {
    [WL_STOP_CAPS] = {stop_caps, NELEM(stop_caps)},
    [WL_TITLES] = {titles, NELEM(titles)},
    [WL_PERSON_CUES] = {person_cues, NELEM(person_cues)},
    [WL_SAY_VERBS] = {say_verbs, NELEM(say_verbs)},
    [WL_ORG_LAST] = {org_last, NELEM(org_last)},
    [WL_ORG_FIRST] = {org_first, NELEM(org_first)},
    [WL_PLACE_LAST] = {place_last, NELEM(place_last)},
    [WL_PLACE_FIRST] = {place_first, NELEM(place_first)},
    [WL_NON_ENTITY] = {non_entity, NELEM(non_entity)},
    [WL_CONNECTORS] = {connectors, NELEM(connectors)},
    [WL_DOTTED] = {dotted, NELEM(dotted)},
};

/* All the words of the lists, and of the gazetteer's heads and names. */
#define WL_WORDS                                                               \
    (NELEM(stop_caps) + NELEM(titles) + NELEM(person_cues) +                   \
     NELEM(say_verbs) + NELEM(org_last) + NELEM(org_first) +                   \
     NELEM(place_last) + NELEM(place_first) + NELEM(non_entity) +              \
     NELEM(connectors) + NELEM(dotted) + NELEM(gazetteer))

/*
 * A word's key: its first and last eight bytes (four and four for a
 * word of four to seven, three single bytes for a shorter one). With
 * the length it is the whole word when that has at most sixteen bytes,
 * so such a word is compared by its key, without reading its string.
 */
struct wl_key {
    uint64_t a, b;
};

#define WL_KEY_WHOLE 16 /* the longest word a key holds entirely */

static inline struct wl_key
word_key(const char *w, size_t len)
{
    struct wl_key k = {0, 0};

    if (len >= 8) {
        memcpy(&k.a, w, 8);
        memcpy(&k.b, w + len - 8, 8);
    } else if (len >= 4) {
        uint32_t a4, b4;

        memcpy(&a4, w, 4);
        memcpy(&b4, w + len - 4, 4);
        k.a = a4;
        k.b = b4;
    } else if (len > 0) {
        k.a = (uint64_t)(unsigned char)w[0] |
              (uint64_t)(unsigned char)w[len / 2] << 8 |
              (uint64_t)(unsigned char)w[len - 1] << 16;
    }
    return k;
}

/*
 * The hash of a word: its key and length mixed by two multiplications.
 * Its top bits pick the slot (as many as the table has), bits 32..50
 * the filter's bits. The tables are built with it at run time, so the
 * byte order changes the slots, not the answers.
 */
static inline uint64_t
word_hash(struct wl_key k, size_t len)
{
    uint64_t b = k.b * 0x9E3779B97F4A7C15ULL;
    uint64_t x = k.a ^ (b >> 32 | b << 32) ^ len;

    return x * 0xBF58476D1CE4E5B9ULL;
}

/*
 * A table: open addressing with linear probing, more than three slots
 * per word, so that a probe ends soon and the table is never full.
 * Before the slots, a filter of 1 KB (a blocked Bloom filter: two bits
 * of one 64-bit word): most words looked up are in no list, and the
 * filter, small enough to stay in the cache from sentence to sentence
 * while the slots do not, turns nearly all of them away without touching
 * the slots. A word found costs one slot, compared by its key.
 */
#define WL_BITS 12 /* the word lists: 4096 slots */
#define GZ_BITS 11 /* the gazetteer's names: 2048 slots */
_Static_assert(3 * WL_WORDS < (1u << WL_BITS), "word table load");
_Static_assert(3 * NELEM(gazetteer) < (1u << GZ_BITS), "gazetteer load");

#define WL_FILTER_WORDS 128
#define WL_FILTER_WORD(h) ((size_t)((h) >> 32) & (WL_FILTER_WORDS - 1))
#define WL_FILTER_BITS(h)                                                      \
    (1ULL << (((h) >> 39) & 63) | 1ULL << (((h) >> 45) & 63))

struct wl_slot {
    struct wl_key key;
    const char *word; /* NULL when empty */
    uint32_t len;
    uint32_t lists;   /* bit i: in word_lists[i] (gazetteer: index + 1) */
};

struct wl_table {
    unsigned bits; /* 1 << bits slots */
    struct wl_slot *slot;
    uint64_t *filter; /* WL_FILTER_WORDS */
};

static struct wl_slot wl_slots[1u << WL_BITS];
static uint64_t wl_filter[WL_FILTER_WORDS];
static const struct wl_table wl_table = {WL_BITS, wl_slots, wl_filter};
/* The gazetteer the same way; `lists` holds the name's index + 1. */
static struct wl_slot gz_slots[1u << GZ_BITS];
static uint64_t gz_filter[WL_FILTER_WORDS];
static const struct wl_table gz_table = {GZ_BITS, gz_slots, gz_filter};
static pthread_once_t wl_once = PTHREAD_ONCE_INIT;
/* Set (release) once wl_build is done: a lookup tests it (acquire) and
 * only calls pthread_once while it is false. */
static atomic_bool wl_ready;

/*
 * The slot of tb holding w[0..len) (key k, hash h), or the empty slot
 * where it would go: the tables are never full, so the probe ends.
 */
static inline struct wl_slot *
wl_slot_of(const struct wl_table *tb, const char *w, size_t len,
           struct wl_key k, uint64_t h)
{
    size_t mask = ((size_t)1 << tb->bits) - 1;
    size_t i = (size_t)(h >> (64 - tb->bits));
    struct wl_slot *sl;

    for (; (sl = &tb->slot[i])->word; i = (i + 1) & mask)
        if (sl->len == len && sl->key.a == k.a && sl->key.b == k.b &&
            (len <= WL_KEY_WHOLE || memcmp(sl->word, w, len) == 0))
            break;
    return sl;
}

/* Put w[0..len) in tb (if new) and OR `lists` into its slot. */
static void
wl_add(const struct wl_table *tb, const char *w, size_t len, uint32_t lists)
{
    struct wl_key k = word_key(w, len);
    uint64_t h = word_hash(k, len);
    struct wl_slot *sl = wl_slot_of(tb, w, len, k, h);

    tb->filter[WL_FILTER_WORD(h)] |= WL_FILTER_BITS(h);
    sl->key = k;
    sl->word = w;
    sl->len = (uint32_t)len;
    sl->lists |= lists;
}

static void
wl_build(void)
{
    size_t l, i;

    /* names are distinct (sorted strictly: cdk_entities_tables_ok) */
    for (i = 0; i < NELEM(gazetteer); i++) {
        const char *name = gazetteer[i].name, *sp = strchr(name, ' ');

        wl_add(&gz_table, name, strlen(name), (uint32_t)i + 1);
        if (sp)
            wl_add(&wl_table, name, (size_t)(sp - name), 1u << WL_GAZ_HEAD);
        else
            wl_add(&wl_table, name, strlen(name), 1u << WL_GAZ_WORD);
    }
    for (l = 0; l < NELEM(word_lists); l++)
        for (i = 0; i < word_lists[l].n; i++)
            wl_add(&wl_table, word_lists[l].list[i],
                   strlen(word_lists[l].list[i]), 1u << l);
    atomic_store_explicit(&wl_ready, true, memory_order_release);
}

/* The slot of w[0..len) in tb, or NULL. */
static inline const struct wl_slot *
wl_find(const struct wl_table *tb, const char *w, size_t len)
{
    const struct wl_slot *sl;
    struct wl_key k;
    uint64_t h, bits;

    if (!atomic_load_explicit(&wl_ready, memory_order_acquire))
        pthread_once(&wl_once, wl_build);
    k = word_key(w, len);
    h = word_hash(k, len);
    bits = WL_FILTER_BITS(h);
    if ((tb->filter[WL_FILTER_WORD(h)] & bits) != bits)
        return NULL;
    sl = wl_slot_of(tb, w, len, k, h);
    return sl->word ? sl : NULL;
}

static bool
in_list(enum wl_id l, const char *w, size_t wlen)
{
    const struct wl_slot *sl = wl_find(&wl_table, w, wlen);

    return sl && (sl->lists & (1u << l)) != 0;
}

int
cdk_entities_name_kind(const char *w, size_t n)
{
    const struct wl_slot *sl;

    if (n == 0 || n >= PHRASE_MAX)
        return -1;
    sl = wl_find(&gz_table, w, n);
    return sl ? (int)gazetteer[sl->lists - 1].kind : -1;
}

static uint32_t lists_of(const char *w, size_t len);

/* (person_title_ref below is the reference: memchr, three lookups) */
bool
cdk_entities_person_title(const char *w, size_t n)
{
    size_t i;
    uint32_t bits;

    for (i = 0; i < n && w[i] != '-'; i++)
        ;
    if (i + 1 < n) { /* "Co-author", "vice-chairman" */
        n -= i + 1;
        w += i + 1;
    }
    if (n > 1 && w[n - 1] == '.')
        n--;
    if (n == 0 || n >= PHRASE_MAX)
        return false;
    /* the person cues hold a few verbs ("said", "according"): not
     * titles. One lookup for the three lists. */
    bits = lists_of(w, n);
    return (bits & (1u << WL_TITLES)) ||
           ((bits & (1u << WL_PERSON_CUES)) &&
            !(bits & (1u << WL_SAY_VERBS)) &&
            !(n == 9 && memcmp(w, "according", 9) == 0));
}

/* The lists of w[0..len) as bits (1 << wl_id), 0 when in none. */
static uint32_t
lists_of(const char *w, size_t len)
{
    const struct wl_slot *sl = wl_find(&wl_table, w, len);

    return sl ? sl->lists : 0;
}

/*
 * WL_KNOWN | the lists holding the token, with or without a trailing
 * '.': one or two lookups, done once for each token of a run.
 */
static uint32_t
tok_lists(const struct ctx *c, const struct tok *k)
{
    size_t len = k->e - k->b;
    uint32_t bits = WL_KNOWN;

    if (k->type != T_WORD || len == 0 || len >= PHRASE_MAX)
        return bits;
    if (c->body[k->e - 1] == '.' && len > 1)
        bits |= lists_of(c->body + k->b, len - 1);
    return bits | lists_of(c->body + k->b, len);
}

/* The token (without a trailing '.') is in a word list. */
static bool
tok_in(const struct ctx *c, const struct tok *k, enum wl_id l)
{
    uint32_t bits = k->wl ? k->wl : tok_lists(c, k);

    return (bits & (1u << l)) != 0;
}

/* Append k to the run, its word lists looked up once for all tests. */
static void
run_push(struct ctx *c, const struct tok *k)
{
    struct tok *r = &c->run[c->nrun++];

    *r = *k;
    if (!r->wl)
        r->wl = tok_lists(c, r);
}

static const struct gaz *
gaz_find(const char *w, size_t len)
{
    const struct wl_slot *sl = wl_find(&gz_table, w, len);

    return sl ? &gazetteer[sl->lists - 1] : NULL;
}

/*
 * The gazetteer entry spelled by run[i..j) (single spaces between), or
 * NULL. An all-capital word longer than four letters ("MINNEAPOLIS") is
 * looked up in title case.
 */
static const struct gaz *
gaz_run(const struct ctx *c, size_t i, size_t j)
{
    char buf[PHRASE_MAX];
    size_t len = 0, k, m;

    /* the first word, as spelled, must be a name or begin one (a
     * shouted word is looked up in title case: no filter for it) */
    if (!(c->run[i].acro && c->run[i].e - c->run[i].b > 4) &&
        c->run[i].wl &&
        !(c->run[i].wl & (1u << (j == i + 1 ? WL_GAZ_WORD : WL_GAZ_HEAD))))
        return NULL;
    if (j == i + 1 && !(c->run[i].acro && c->run[i].e - c->run[i].b > 4)) {
        /* one word as spelled: look it up in place, no copy */
        len = c->run[i].e - c->run[i].b;
        return len && len + 1 < sizeof(buf)
                   ? gaz_find(c->body + c->run[i].b, len)
                   : NULL;
    }
    for (k = i; k < j; k++) {
        const struct tok *t = &c->run[k];
        size_t n = t->e - t->b;
        bool shout = t->acro && n > 4;

        if (len + n + 1 >= sizeof(buf))
            return NULL;
        if (k > i)
            buf[len++] = ' ';
        for (m = 0; m < n; m++) {
            char ch = c->body[t->b + m];
            if (shout && m > 0 && is_upper((unsigned char)ch))
                ch = (char)(ch | 0x20);
            buf[len++] = ch;
        }
    }
    return len ? gaz_find(buf, len) : NULL;
}

/* ------------------------------------------------------------------ */
/* Output.                                                             */

/*
 * cdk_utf8_count(s, len), eight ASCII bytes at a step: a block is only
 * skipped at a character boundary and when it holds no byte >= 0x80, so
 * every other byte is decoded exactly as cdk_utf8_count does it.
 */
static size_t
char_count(const char *s, size_t len)
{
    size_t i = 0, count = 0;
    uint32_t cp;

    while (i < len) {
        uint64_t w;

        if (len - i >= 8) {
            memcpy(&w, s + i, 8);
            if (!(w & 0x8080808080808080ULL)) {
                i += 8;
                count += 8;
                continue;
            }
        }
        if ((unsigned char)s[i] < 0x80)
            i++;
        else
            i += cdk_utf8_next(s + i, len - i, &cp);
        count++;
    }
    return count;
}

/* No value (in struct cdk_entities.voff). */
#define NO_VALUE SIZE_MAX

/*
 * Note the value of the sentence's i-th entity: copied into sx->pool
 * (which may move until the sentence is done, so only its offset is
 * kept, in sx->voff[i]).
 */
static void
value_push(struct cdk_entities *sx, size_t i, const char *value)
{
    size_t len;

    CDK_ALLOC_GROW(sx->voff, i + 1, sx->voff_alloc);
    if (!value) {
        sx->voff[i] = NO_VALUE;
        return;
    }
    len = strlen(value) + 1;
    CDK_ALLOC_GROW(sx->pool, sx->pool_len + len, sx->pool_alloc);
    memcpy(sx->pool + sx->pool_len, value, len);
    sx->voff[i] = sx->pool_len;
    sx->pool_len += len;
}

static void
add(struct ctx *c, enum cdk_entity_kind kind, size_t b, size_t e,
    const char *value)
{
    struct cdk_entity *x;

    if (e <= b)
        return;
    /* entities come nearly in order: move the cursor either way (in an
     * ASCII sentence a character is a byte) */
    if (c->ascii)
        c->cpos = c->cstart + (b - c->start);
    else if (b < c->cpos_b)
        c->cpos -= char_count(c->body + b, c->cpos_b - b);
    else
        c->cpos += char_count(c->body + c->cpos_b, b - c->cpos_b);
    c->cpos_b = b;
    CDK_ALLOC_GROW(*c->v, *c->n + 1, *c->alloc);
    x = &(*c->v)[(*c->n)++];
    x->kind = kind;
    x->text = NULL; /* filled in once the sentence is done (find_into) */
    x->start = b;
    x->end = e;
    x->cstart = c->cpos;
    x->cend = c->cpos + (c->ascii ? e - b : char_count(c->body + b, e - b));
    x->value = NULL;
    value_push(c->sx, *c->n - 1 - c->n0, value);
}

/* ------------------------------------------------------------------ */
/* Calendar (proleptic Gregorian, days since 1970-01-01).              */

static long
days_from_civil(int y, int m, int d)
{
    long yy = y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

    return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, int *y, int *m, int *d)
{
    long era, doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* 0 = Monday ... 6 = Sunday */
static int
weekday_of(long days)
{
    long w = (days + 3) % 7; /* 1970-01-01 was a Thursday */
    return (int)(w < 0 ? w + 7 : w);
}

/* Formatted straight into out[0..cap) (one pass, no allocation); ""
 * when it does not fit. */
static void fmt(char *out, size_t cap, const char *f, ...)
    __attribute__((format(printf, 3, 4)));

static void
fmt_day(char *out, size_t cap, long days)
{
    int y, m, d;

    civil_from_days(days, &y, &m, &d);
    fmt(out, cap, "%04d-%02d-%02d", y, m, d);
}

/*
 * Append the decimal digits of v (>= 0), zero-padded to `width`, at
 * out[*len]; false when they do not fit in cap (with the terminator).
 */
static bool
put_uint(char *out, size_t cap, size_t *len, unsigned long long v,
         int width)
{
    char d[24];
    int n = 0;

    do {
        d[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n < width && n < (int)sizeof(d))
        d[n++] = '0';
    if (*len + (size_t)n >= cap)
        return false;
    while (n > 0)
        out[(*len)++] = d[--n];
    return true;
}

/*
 * The dates' formats ("%04d-%02d", "--%02d", "%04d-W%02d"...) are plain
 * text and "%0Nd" / "%d" of non-negative ints: written by hand, as
 * vsnprintf costs a thousand instructions a call. Anything else (a
 * negative number, another conversion) goes to vsnprintf, so the text
 * is always vsnprintf's.
 */
static void
fmt(char *out, size_t cap, const char *f, ...)
{
    va_list ap, ap2;
    const char *p;
    size_t len = 0;
    int n;

    va_start(ap, f);
    va_copy(ap2, ap);
    for (p = f; *p; p++) {
        int width = 0, v;

        if (*p != '%') {
            if (len + 1 >= cap)
                goto slow;
            out[len++] = *p;
            continue;
        }
        p++;
        if (*p == '0')
            p++;
        while (*p >= '1' && *p <= '9')
            width = width * 10 + (*p++ - '0');
        if (*p != 'd')
            goto slow;
        v = va_arg(ap2, int);
        if (v < 0 || !put_uint(out, cap, &len, (unsigned long long)v, width))
            goto slow;
    }
    va_end(ap2);
    va_end(ap);
    out[len] = 0;
    return;
slow:
    va_end(ap2);
    n = vsnprintf(out, cap, f, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= cap)
        out[0] = 0;
}

static bool
has_day(const struct ctx *c)
{
    return c->py && c->pm && c->pd;
}

/* ------------------------------------------------------------------ */
/* Dates.                                                              */

/* 1..12 when the token is a month name or abbreviation, else 0. */
static int
month_of(const struct ctx *c, const struct tok *k)
{
    /* strlen(months[i]); each abbreviation is the name's first three
     * letters ("Jan" ... "Dec") */
    static const unsigned char mlen[12] = {7, 8, 5, 5, 3, 4,
                                           4, 6, 9, 7, 8, 8};
    const char *w;
    size_t i, len;

    if (k->type != T_WORD || !k->cap)
        return 0;
    len = k->e - k->b;
    if (len < 3 || len > 9)
        return 0;
    w = c->body + k->b;
    switch (w[0]) {
    case 'J': case 'F': case 'M': case 'A': case 'S': case 'O': case 'N':
    case 'D':
        break;
    default:
        return 0;
    }
    for (i = 0; i < 12; i++)
        if (w[0] == months[i][0] && w[1] == months[i][1] &&
            (len == 3 ? memcmp(w, months[i], 3) == 0
                      : len == mlen[i] && memcmp(w, months[i], len) == 0))
            return (int)i + 1;
    if (len == 4 && memcmp(w, "Sept", 4) == 0)
        return 9;
    return 0;
}

static int
weekday_name(const struct ctx *c, const struct tok *k)
{
    static const unsigned char wlen[7] = {6, 7, 9, 8, 6, 8, 6};
    size_t i, len = k->e - k->b;

    if (k->type != T_WORD || !k->cap || len < 6 || len > 9)
        return 0;
    for (i = 0; i < 7; i++)
        if (c->body[k->b] == weekdays[i][0] && len == wlen[i] &&
            memcmp(c->body + k->b, weekdays[i], len) == 0)
            return (int)i + 1;
    return 0;
}

/* Value of an integer token of at most `digits` digits, or -1. */
static long
tok_int(const struct ctx *c, const struct tok *k, size_t digits)
{
    long v = 0;
    size_t i;

    if (k->type != T_NUM || k->ne - k->b > digits || k->ne == k->b)
        return -1;
    for (i = k->b; i < k->ne; i++) {
        if (!is_digit(c->t[i]))
            return -1;
        v = v * 10 + (c->t[i] - '0');
    }
    return v;
}

/* A day number: "6", "23rd". */
static int
tok_day(const struct ctx *c, const struct tok *k)
{
    long d = tok_int(c, k, 2);
    size_t sl;

    if (d < 1 || d > 31)
        return 0;
    sl = k->e - k->ne;
    if (sl && !(sl == 2 && (memcmp(c->body + k->ne, "st", 2) == 0 ||
                            memcmp(c->body + k->ne, "nd", 2) == 0 ||
                            memcmp(c->body + k->ne, "rd", 2) == 0 ||
                            memcmp(c->body + k->ne, "th", 2) == 0)))
        return 0;
    return (int)d;
}

static int
tok_year(const struct ctx *c, const struct tok *k)
{
    long y = tok_int(c, k, 4);

    if (k->type != T_NUM || k->ne - k->b != 4 || k->e != k->ne)
        return 0;
    return (y >= 1900 && y <= 2099) ? (int)y : 0;
}

/* The symbol token is exactly this ASCII character. */
static bool
sym_is(const struct tok *k, char ch)
{
    return k->type == T_SYM && k->cp == (uint32_t)(unsigned char)ch;
}

/* Day + month (+ year) into a value; year 0 borrows the published year. */
static void
day_value(const struct ctx *c, char *out, size_t cap, int y, int m, int d)
{
    if (!y)
        y = c->py;
    if (y)
        fmt(out, cap, "%04d-%02d-%02d", y, m, d);
    else
        fmt(out, cap, "--%02d-%02d", m, d);
}

static size_t
unit_days(const struct ctx *c, const struct tok *k, int *kind)
{
    static const char *const units[] = {"day", "week", "month", "year"};
    static const size_t days[] = {1, 7, 30, 365};
    size_t i, len = k->e - k->b;

    for (i = 0; i < 4; i++) {
        size_t ul = strlen(units[i]);
        if (k->type == T_WORD && (len == ul || (len == ul + 1 &&
                                                c->t[k->b + ul] == 's')) &&
            memcmp(c->body + k->b, units[i], ul) == 0) {
            *kind = (int)i;
            return days[i];
        }
    }
    return 0;
}

/* A value for "N units ago" / "last <unit>" / "this <unit>". */
static void
relative_value(const struct ctx *c, char *out, size_t cap, int unit,
               long count)
{
    long today;
    int y, m, d, wd;

    out[0] = 0;
    if (!c->py)
        return;
    switch (unit) {
    case 0: /* days */
    case 1: /* weeks */
        if (!has_day(c))
            return;
        today = days_from_civil(c->py, c->pm, c->pd) -
                count * (unit == 0 ? 1 : 7);
        if (unit == 0) {
            fmt_day(out, cap, today);
        } else {
            /* ISO week: the week's Thursday decides the year */
            wd = weekday_of(today);
            today += 3 - wd;
            civil_from_days(today, &y, &m, &d);
            fmt(out, cap, "%04d-W%02d", y,
                (int)((today - days_from_civil(y, 1, 1)) / 7 + 1));
        }
        return;
    case 2: /* months */
        if (!c->pm)
            return;
        m = c->pm - 1 - (int)(count % 12);
        y = c->py - (int)(count / 12);
        if (m < 0) {
            m += 12;
            y--;
        }
        fmt(out, cap, "%04d-%02d", y, m + 1);
        return;
    default: /* years */
        fmt(out, cap, "%04d", c->py - (int)count);
        return;
    }
}

/* Words that start a relative date, in the order try_date tests them. */
enum rel {
    R_NONE,
    R_YESTERDAY,
    R_TODAY,
    R_TOMORROW,
    R_TONIGHT,
    R_LAST,
    R_THIS,
    R_NEXT,
    R_EARLIER,
    R_LATER,
    R_PAST,
};

static const struct {
    const char *w;
    size_t n;
} rel_words[] = {
    [R_YESTERDAY] = {"yesterday", 9}, [R_TODAY] = {"today", 5},
    [R_TOMORROW] = {"tomorrow", 8},   [R_TONIGHT] = {"tonight", 7},
    [R_LAST] = {"last", 4},           [R_THIS] = {"this", 4},
    [R_NEXT] = {"next", 4},           [R_EARLIER] = {"earlier", 7},
    [R_LATER] = {"later", 5},         [R_PAST] = {"past", 4},
};

/*
 * Which of them the token is (ASCII case ignored), or R_NONE: the
 * reference (the letter-by-letter comparisons that rel_word replaced),
 * for cdk_entities_parts_agree.
 */
static enum rel
rel_word_ref(const struct ctx *c, const struct tok *k)
{
    size_t i, n = k->e - k->b;

    if (k->type != T_WORD)
        return R_NONE;
    for (i = R_NONE + 1; i < NELEM(rel_words); i++)
        if (rel_words[i].n == n && tok_eq_ci(c, k, rel_words[i].w, n))
            return (enum rel)i;
    return R_NONE;
}

/* Four bytes as one number, the first lowest (the same on any machine). */
#define KEY4(a, b, c, d)                                                       \
    ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 |               \
     (uint32_t)(d) << 24)

/*
 * The relative-date words by a perfect hash of their length and first
 * four letters (bit 5 set, as tok_eq_ci compares: (byte | 0x20) ==
 * letter): rel_slot puts each in its own slot of rel_slots
 * (cdk_entities_tables_ok checks it), so a word is one probe and, when
 * its first four letters and length match, a comparison of the rest.
 */
static const struct {
    uint32_t key; /* 0: empty (a word's key has bit 5 of each byte set) */
    unsigned char n, rel;
} rel_slots[16] = {
    [3] = {KEY4('t', 'o', 'm', 'o'), 8, R_TOMORROW},
    [4] = {KEY4('p', 'a', 's', 't'), 4, R_PAST},
    [5] = {KEY4('e', 'a', 'r', 'l'), 7, R_EARLIER},
    [7] = {KEY4('t', 'o', 'n', 'i'), 7, R_TONIGHT},
    [9] = {KEY4('l', 'a', 's', 't'), 4, R_LAST},
    [10] = {KEY4('t', 'o', 'd', 'a'), 5, R_TODAY},
    [11] = {KEY4('t', 'h', 'i', 's'), 4, R_THIS},
    [12] = {KEY4('y', 'e', 's', 't'), 9, R_YESTERDAY},
    [14] = {KEY4('n', 'e', 'x', 't'), 4, R_NEXT},
    [15] = {KEY4('l', 'a', 't', 'e'), 5, R_LATER},
};

static inline unsigned
rel_slot(uint32_t key, size_t n)
{
    return (unsigned)((((uint64_t)key ^ ((uint64_t)n << 27)) *
                       0xE901E35CD47D380DULL) >> 60);
}

/* rel_word_ref's answer, by rel_slots. */
static inline enum rel
rel_word(const struct ctx *c, const struct tok *k)
{
    const unsigned char *p = c->t + k->b;
    size_t n = k->e - k->b;
    uint32_t key;
    unsigned h;

    if (k->type != T_WORD || n < 4 || n > 9)
        return R_NONE;
    key = KEY4(p[0], p[1], p[2], p[3]) | 0x20202020u;
    h = rel_slot(key, n);
    if (rel_slots[h].key != key || rel_slots[h].n != n)
        return R_NONE;
    return tok_eq_ci(c, k, rel_words[rel_slots[h].rel].w, n)
               ? (enum rel)rel_slots[h].rel
               : R_NONE;
}

/*
 * The lengths (bit n: n letters) of the capitalised words that can start
 * a date without "ago" in the sentence, by first letter (bit 5 set): the
 * month names and their three-letter abbreviations, "Sept", the weekdays
 * and the relative-date words ("Last", "Today"). cdk_entities_tables_ok
 * checks that every one of them passes.
 */
#define LEN_BIT(n) (1u << (n))
static const uint16_t cap_date_lengths[26] = {
    ['a' - 'a'] = LEN_BIT(3) | LEN_BIT(5) | LEN_BIT(6),
    ['d' - 'a'] = LEN_BIT(3) | LEN_BIT(8),
    ['e' - 'a'] = LEN_BIT(7),
    ['f' - 'a'] = LEN_BIT(3) | LEN_BIT(6) | LEN_BIT(8),
    ['j' - 'a'] = LEN_BIT(3) | LEN_BIT(4) | LEN_BIT(7),
    ['l' - 'a'] = LEN_BIT(4) | LEN_BIT(5),
    ['m' - 'a'] = LEN_BIT(3) | LEN_BIT(5) | LEN_BIT(6),
    ['n' - 'a'] = LEN_BIT(3) | LEN_BIT(4) | LEN_BIT(8),
    ['o' - 'a'] = LEN_BIT(3) | LEN_BIT(7),
    ['p' - 'a'] = LEN_BIT(4),
    ['s' - 'a'] = LEN_BIT(3) | LEN_BIT(4) | LEN_BIT(6) | LEN_BIT(8) |
                  LEN_BIT(9),
    ['t' - 'a'] = LEN_BIT(4) | LEN_BIT(5) | LEN_BIT(7) | LEN_BIT(8),
    ['w' - 'a'] = LEN_BIT(9),
    ['y' - 'a'] = LEN_BIT(9),
};

/* Whether a word of n letters starting with byte f passes the table. */
static inline bool
cap_date_shape(unsigned char f, size_t n)
{
    f |= 0x20;
    return f >= 'a' && f <= 'z' && n < 16 &&
           ((cap_date_lengths[f - 'a'] >> n) & 1) != 0;
}

/*
 * False when try_date cannot take token k, so that the common word costs
 * no call: a lowercase word only starts a relative date ("last month")
 * or, when "ago" occurs in the sentence, a count ("two weeks ago"); a
 * capitalised one also a month or a weekday (cap_date_shape); a symbol
 * nothing. try_date answers 0 for every other token without a side
 * effect (cdk_entities_parts_agree checks it).
 */
static inline bool
date_may_start(const struct ctx *c, const struct tok *k)
{
    if (k->type != T_WORD)
        return k->type == T_NUM;
    if (c->ago)
        return true;
    if (k->cap)
        return cap_date_shape(c->t[k->b], k->e - k->b);
    return rel_word(c, k) != R_NONE;
}

/*
 * Try a date starting at token k; on success add it and return the end
 * of the last token used (its `next`), else 0.
 */
static size_t
try_date(struct ctx *c, const struct tok *k)
{
    struct tok a, b, d;
    char val[32];
    int m, day, y, wd, unit;
    enum rel rel;
    long n;

    val[0] = 0;
    /* a lowercase word is no number, month or weekday */
    if (k->type == T_WORD && !k->cap)
        goto words;
    /* ISO 8601 "2023-03-22" */
    if (k->type == T_NUM && tok_year(c, k) && k->e + 6 <= c->end &&
        c->t[k->e] == '-' && is_digit(c->t[k->e + 1]) &&
        is_digit(c->t[k->e + 2]) && c->t[k->e + 3] == '-' &&
        is_digit(c->t[k->e + 4]) && is_digit(c->t[k->e + 5])) {
        int mm = (c->t[k->e + 1] - '0') * 10 + (c->t[k->e + 2] - '0');
        int dd = (c->t[k->e + 4] - '0') * 10 + (c->t[k->e + 5] - '0');
        if (mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31) {
            fmt(val, sizeof(val), "%04d-%02d-%02d", tok_year(c, k), mm, dd);
            add(c, CDK_ENTITY_DATE, k->b, k->e + 6, val);
            return k->e + 6;
        }
    }
    /* "23 March", "23 March 2023" */
    if ((day = tok_day(c, k))) {
        a = tok_read(c, k->next);
        if ((m = month_of(c, &a)) && a.e > a.b) {
            size_t end = a.e;
            if (a.e - a.b <= 4 && !tok_is(c, &a, "June") &&
                !tok_is(c, &a, "July") && !tok_is(c, &a, "May") &&
                end < c->end && c->t[end] == '.')
                end++;
            b = tok_read(c, end);
            y = tok_year(c, &b);
            day_value(c, val, sizeof(val), y, m, day);
            add(c, CDK_ENTITY_DATE, k->b, y ? b.e : end, val);
            return y ? b.next : end;
        }
        return 0;
    }
    /* "March 23, 2023", "Jan. 6", "March 2023", "March" */
    if ((m = month_of(c, k))) {
        size_t end = k->e;
        bool abbr = k->e - k->b <= 4 && !tok_is(c, k, "June") &&
                    !tok_is(c, k, "July") && !tok_is(c, k, "May");

        /* "May" after a capitalised word is a name: "Theresa May" */
        if (m == 5 && tok_is(c, k, "May") && c->nrun > 0)
            return 0;
        if (m == 5 && tok_is(c, k, "May") && c->run_initial)
            return 0;
        if (abbr && end < c->end && c->t[end] == '.')
            end++;
        a = tok_read(c, end);
        if ((day = tok_day(c, &a))) {
            b = tok_read(c, a.next);
            if (sym_is(&b, ','))
                d = tok_read(c, b.next);
            else
                d = b;
            y = tok_year(c, &d);
            day_value(c, val, sizeof(val), y, m, day);
            add(c, CDK_ENTITY_DATE, k->b, y ? d.e : a.e, val);
            return y ? d.next : a.next;
        }
        if ((y = tok_year(c, &a))) {
            fmt(val, sizeof(val), "%04d-%02d", y, m);
            add(c, CDK_ENTITY_DATE, k->b, a.e, val);
            return a.next;
        }
        if (c->py)
            fmt(val, sizeof(val), "%04d-%02d", c->py, m);
        else
            fmt(val, sizeof(val), "--%02d", m);
        add(c, CDK_ENTITY_DATE, k->b, end, val);
        return end;
    }
    /* a year on its own */
    if ((y = tok_year(c, k))) {
        a = tok_read(c, k->next);
        if (sym_is(&a, '%') || (a.type == T_WORD && (tok_is(c, &a, "per") ||
                                                    tok_is(c, &a, "percent"))))
            return 0;
        if (k->b > c->start && (c->t[k->b - 1] == '$' || c->t[k->b - 1] == '#'))
            return 0;
        fmt(val, sizeof(val), "%04d", y);
        add(c, CDK_ENTITY_DATE, k->b, k->e, val);
        return k->next;
    }
    /* weekdays: the latest one on or before publication (or after it
     * when the sentence speaks of the future) */
    if ((wd = weekday_name(c, k))) {
        if (has_day(c)) {
            long pub = days_from_civil(c->py, c->pm, c->pd);
            int pw = weekday_of(pub), delta;
            if (speaks_of_future(c))
                delta = ((wd - 1) - pw + 7) % 7;
            else
                delta = -((pw - (wd - 1) + 7) % 7);
            fmt_day(val, sizeof(val), pub + delta);
        }
        add(c, CDK_ENTITY_DATE, k->b, k->e, val[0] ? val : NULL);
        return k->next;
    }
words:
    if (k->type != T_WORD || k->e - k->b > 9)
        return 0;
    switch (c->t[k->b] | 0x20) {
    case 'a': case 'e': case 'f': case 'l': case 'n': case 'o': case 'p':
    case 's': case 't': case 'w': case 'y':
        break;
    default:
        return 0;
    }
    rel = rel_word(c, k);
    if (rel >= R_YESTERDAY && rel <= R_TONIGHT) {
        int off = rel == R_YESTERDAY  ? -1
                  : rel == R_TOMORROW ? 1
                                      : 0;
        if (has_day(c))
            fmt_day(val, sizeof(val),
                    days_from_civil(c->py, c->pm, c->pd) + off);
        add(c, CDK_ENTITY_DATE, k->b, k->e, val[0] ? val : NULL);
        return k->next;
    }
    /* "last month", "earlier this year", "next week", "last Tuesday" */
    if (rel >= R_LAST) {
        int dir = rel == R_LAST || rel == R_PAST ? 1
                  : rel == R_NEXT                ? -1
                                                 : 0;
        a = tok_read(c, k->next);
        if ((rel == R_EARLIER || rel == R_LATER) &&
            tok_is_ci(c, &a, "this"))
            a = tok_read(c, a.next);
        else if (rel == R_EARLIER || rel == R_LATER)
            return 0;
        if ((wd = weekday_name(c, &a)) && dir != 0) {
            if (has_day(c)) {
                long pub = days_from_civil(c->py, c->pm, c->pd);
                int pw = weekday_of(pub);
                int back = (pw - (wd - 1) + 7) % 7;
                int fwd = ((wd - 1) - pw + 7) % 7;
                fmt_day(val, sizeof(val),
                        dir > 0 ? pub - (back ? back : 7)
                                : pub + (fwd ? fwd : 7));
            }
            add(c, CDK_ENTITY_DATE, k->b, a.e, val[0] ? val : NULL);
            return a.next;
        }
        if (tok_is(c, &a, "weekend") || tok_is(c, &a, "morning") ||
            tok_is(c, &a, "afternoon") || tok_is(c, &a, "evening") ||
            tok_is(c, &a, "night")) {
            long off = tok_is(c, &a, "weekend") ? (dir > 0 ? -7 : dir < 0 ? 7 : 0)
                                                : (dir > 0 ? -1 : dir < 0 ? 1 : 0);
            if (has_day(c))
                fmt_day(val, sizeof(val),
                        days_from_civil(c->py, c->pm, c->pd) + off);
            add(c, CDK_ENTITY_DATE, k->b, a.e, val[0] ? val : NULL);
            return a.next;
        }
        if (unit_days(c, &a, &unit) && a.e - a.b == strlen(
                (const char *[]){"day", "week", "month", "year"}[unit])) {
            if (unit == 0)
                return 0; /* "this day" */
            relative_value(c, val, sizeof(val), unit, dir);
            add(c, CDK_ENTITY_DATE, k->b, a.e, val[0] ? val : NULL);
            return a.next;
        }
        return 0;
    }
    /* "two weeks ago", "a year ago", "3 days ago" */
    if (!c->ago)
        return 0; /* no "ago" anywhere: spare the number-word search */
    n = -1;
    if (tok_is_ci(c, k, "a") || tok_is_ci(c, k, "an") ||
        tok_is_ci(c, k, "one"))
        n = 1;
    else if (k->e - k->b >= 3) {
        size_t i;
        unsigned char f = c->t[k->b] | 0x20;
        for (i = 2; i < NELEM(small_numbers) &&
                    (f == 'e' || f == 'f' || f == 'n' || f == 's' || f == 't');
             i++)
            if (small_number_len[i] == k->e - k->b &&
                f == small_numbers[i][0] &&
                tok_eq_ci(c, k, small_numbers[i], k->e - k->b))
                n = (long)i;
    }
    if (n < 0)
        return 0;
    a = tok_read(c, k->next);
    if (!unit_days(c, &a, &unit))
        return 0;
    b = tok_read(c, a.next);
    if (!tok_is(c, &b, "ago"))
        return 0;
    relative_value(c, val, sizeof(val), unit, n);
    add(c, CDK_ENTITY_DATE, k->b, b.e, val[0] ? val : NULL);
    return b.next;
}

/* Numbers with units. */

struct unit_word {
    const char *word;
    const char *unit;
    double mult;
};

/* Sorted by strcmp, for unit_word's binary search (cdk_entities_tables_ok). */
static const struct unit_word unit_words[] = {
    {"%", "%", 1},           {"acres", "acre", 1},    {"billion", NULL, 1e9},
    {"bn", NULL, 1e9},       {"cm", "cm", 1},         {"degrees", "deg", 1},
    {"dollars", "USD", 1},   {"euros", "EUR", 1},     {"feet", "ft", 1},
    {"ft", "ft", 1},         {"hectares", "ha", 1},   {"inches", "in", 1},
    {"kg", "kg", 1},         {"km", "km", 1},         {"lbs", "lb", 1},
    {"meters", "m", 1},      {"metres", "m", 1},      {"miles", "mi", 1},
    {"million", NULL, 1e6},  {"mn", NULL, 1e6},       {"mph", "mph", 1},
    {"percent", "%", 1},     {"pounds", "GBP", 1},    {"roubles", "RUB", 1},
    {"rubles", "RUB", 1},    {"rupees", "INR", 1},    {"seconds", "s", 1},
    {"secs", "s", 1},        {"thousand", NULL, 1e3},
    {"tn", NULL, 1e12},      {"tonnes", "t", 1},      {"trillion", NULL, 1e12},
    {"yen", "JPY", 1},       {"yuan", "CNY", 1},
};

/* w[0..n) against the C string lit, in strcmp's order: <0, 0 or >0. */
static int
cmp_word(const char *w, size_t n, const char *lit)
{
    size_t i;

    for (i = 0; i < n && lit[i]; i++)
        if (w[i] != lit[i])
            return (unsigned char)w[i] < (unsigned char)lit[i] ? -1 : 1;
    if (i == n)
        return lit[i] ? -1 : 0;
    return 1; /* lit is a prefix of w */
}

/* The unit word spelled body[b..e), or NULL: a binary search of
 * unit_words, which is sorted (cdk_entities_tables_ok). */
static const struct unit_word *
unit_word(const struct ctx *c, size_t b, size_t e)
{
    size_t lo = 0, hi = NELEM(unit_words);

    if (e <= b)
        return NULL;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int d = cmp_word(c->body + b, e - b, unit_words[mid].word);
        if (d == 0)
            return &unit_words[mid];
        if (d < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

static const char *
currency_at(const struct tok *k)
{
    if (k->type != T_SYM)
        return NULL;
    switch (k->cp) {
    case '$':
        return "USD";
    case 0xA3:
        return "GBP";
    case 0x20AC:
        return "EUR";
    case 0xA5:
        return "JPY";
    default:
        return NULL;
    }
}

static void
fmt_number(char *out, size_t cap, double v, const char *unit)
{
    if (v < 1e18 && v >= 0 && v == (double)(long long)v) {
        /* the common case, without vsnprintf: "%lld" and " %s" */
        size_t len = 0, ul = unit ? strlen(unit) : 0;

        if (put_uint(out, cap, &len, (unsigned long long)(long long)v, 0) &&
            (!unit || len + 1 + ul < cap)) {
            if (unit) {
                out[len++] = ' ';
                memcpy(out + len, unit, ul);
                len += ul;
            }
            out[len] = 0;
            return;
        }
        out[0] = 0; /* does not fit, as fmt would do */
        return;
    }
    if (v < 1e18 && v > -1e18 && v == (double)(long long)v) {
        if (unit)
            fmt(out, cap, "%lld %s", (long long)v, unit);
        else
            fmt(out, cap, "%lld", (long long)v);
    } else if (unit) {
        fmt(out, cap, "%.10g %s", v, unit);
    } else {
        fmt(out, cap, "%.10g", v);
    }
}

/*
 * "%.10g" of strtod(digits) (then " " unit when unit is not NULL) into
 * out[0..cap), written from the digits themselves, for a decimal
 * "I.F" (digits only around one '.') whose value is in [1e-4, 1e10) and
 * not a whole number, with at most 10 significant digits: the double
 * nearest such a decimal lies far closer to it than half a unit in its
 * tenth digit, so "%.10g" rounds back to exactly these digits, and
 * prints them in fixed notation (the exponent is in -4..9) without
 * trailing zeros. False (out untouched) for any other input: the caller
 * then formats with fmt. cdk_entities_decimal_agrees compares the two.
 */
static bool
decimal_text(char *out, size_t cap, const char *digits, const char *unit)
{
    const char *dot = strchr(digits, '.'), *ib, *fe;
    size_t il, fl, lead = 0, sig, len = 0, ul = unit ? strlen(unit) : 0;
    size_t i;

    if (!dot || dot == digits || !dot[1])
        return false;
    for (i = 0; digits[i]; i++)
        if (!is_digit((unsigned char)digits[i]) && digits + i != dot)
            return false;
    ib = digits;
    while (ib < dot && *ib == '0')
        ib++; /* leading zeros of the whole part */
    il = (size_t)(dot - ib);
    fe = digits + i;
    while (fe > dot + 1 && fe[-1] == '0')
        fe--; /* trailing zeros of the fraction */
    fl = (size_t)(fe - (dot + 1));
    if (fl == 0 || il > 10)
        return false; /* a whole number, or 1e10 or more */
    if (il == 0) {
        while (lead < fl && dot[1 + lead] == '0')
            lead++;
        if (lead > 3)
            return false; /* below 1e-4: "%g" writes an exponent */
    }
    sig = il + fl - lead;
    if (sig > 10 || (il ? il : 1) + 1 + fl + (unit ? 1 + ul : 0) >= cap)
        return false;
    if (il == 0)
        out[len++] = '0';
    memcpy(out + len, ib, il);
    len += il;
    out[len++] = '.';
    memcpy(out + len, dot + 1, fl);
    len += fl;
    if (unit) {
        out[len++] = ' ';
        memcpy(out + len, unit, ul);
        len += ul;
    }
    out[len] = 0;
    return true;
}

bool
cdk_entities_decimal_agrees(const char *digits, const char *unit)
{
    char got[64], want[64];
    double v = strtod(digits, NULL);

    if (!decimal_text(got, sizeof(got), digits, unit))
        return true; /* declined: fmt_number formats it */
    fmt_number(want, sizeof(want), v, unit);
    return strcmp(got, want) == 0;
}

static size_t
try_number(struct ctx *c, const struct tok *k0)
{
    struct tok k, num, a;
    const char *cur, *unit = NULL;
    const struct unit_word *uw;
    char digits[48], val[64];
    size_t nd = 0, i, end, b;
    double v, mult = 1;
    char *ep;

    /* words start no number: spare the copy */
    if (k0->type != T_NUM && k0->type != T_SYM)
        return 0;
    k = *k0;
    cur = currency_at(&k);
    b = k.b;
    if (cur) {
        num = tok_read(c, k.next);
        if (num.type != T_NUM || num.b != k.e)
            return 0;
    } else if (k.type == T_NUM) {
        num = k;
    } else {
        return 0;
    }
    /* times "7:40" and scores are not quantities we normalise */
    if (num.e < c->end && c->t[num.e] == ':')
        return 0;
    for (i = num.b; i < num.ne && nd + 1 < sizeof(digits); i++)
        if (c->t[i] != ',')
            digits[nd++] = (char)c->t[i];
    digits[nd] = 0;
    /* up to 15 plain digits are exact in a double, as strtod gives them */
    for (i = 0; i < nd && is_digit((unsigned char)digits[i]); i++)
        ;
    if (i == nd && nd > 0 && nd <= 15) {
        long long iv = 0;

        for (i = 0; i < nd; i++)
            iv = iv * 10 + (digits[i] - '0');
        v = (double)iv;
    } else {
        v = cdk_num_strtod(digits, &ep); /* strtod's value, mostly faster */
        if (ep == digits)
            return 0;
    }
    end = num.e;
    /* a glued suffix: "3.5bn", "60m", "7.98secs", "3rd" */
    if (num.e > num.ne) {
        size_t sl = num.e - num.ne;
        if ((uw = unit_word(c, num.ne, num.e))) {
            mult = uw->mult;
            unit = uw->unit;
        } else if (sl == 1 && c->t[num.ne] == 'm') {
            /* million with money ("£47m", "27.2m euros"), else metres */
            struct tok u = tok_read(c, num.e);
            const struct unit_word *cw =
                u.type == T_WORD ? unit_word(c, u.b, u.e) : NULL;
            if (cur || (cw && cw->unit && cw->unit[0] >= 'A' &&
                        cw->unit[0] <= 'Z'))
                mult = 1e6;
            else
                unit = "m";
        } else if (sl == 1 && c->t[num.ne] == 'k') {
            mult = 1e3;
        } else if (sl == 2 && (memcmp(c->body + num.ne, "st", 2) == 0 ||
                               memcmp(c->body + num.ne, "nd", 2) == 0 ||
                               memcmp(c->body + num.ne, "rd", 2) == 0 ||
                               memcmp(c->body + num.ne, "th", 2) == 0)) {
            return 0; /* ordinals are not quantities */
        } else {
            unit = NULL; /* "1990s", "BNT162b2": keep the digits */
        }
    }
    /* following words: "million", "%", "per cent", "euros" */
    a = tok_read(c, end);
    if (sym_is(&a, '%')) {
        unit = "%";
        end = a.e;
    } else if (a.type == T_WORD) {
        if (mult == 1 && (uw = unit_word(c, a.b, a.e)) && uw->mult != 1) {
            mult = uw->mult;
            end = a.e;
            a = tok_read(c, end);
        }
        if (tok_is(c, &a, "per")) {
            struct tok p = tok_read(c, a.next);
            if (tok_is(c, &p, "cent")) {
                unit = "%";
                end = p.e;
            }
        } else if (a.type == T_WORD && (uw = unit_word(c, a.b, a.e)) &&
                   uw->unit && !unit) {
            unit = uw->unit;
            end = a.e;
        }
    }
    if (cur)
        unit = cur;
    /* (decimal_text takes no whole number: fmt_number's own case) */
    if (!(mult == 1 && decimal_text(val, sizeof(val), digits, unit)))
        fmt_number(val, sizeof(val), v * mult, unit);
    add(c, CDK_ENTITY_NUMBER, b, end, val[0] ? val : NULL);
    return end;
}

/* ------------------------------------------------------------------ */
/* Runs of capitalised words.                                          */

static bool
is_title(const struct ctx *c, const struct tok *k)
{
    return tok_in(c, k, WL_TITLES);
}

static bool
is_weak(const struct ctx *c, const struct tok *k)
{
    return tok_is(c, k, "and") || tok_is(c, k, "for");
}

/* The first letters of the connectors and of "and" and "for" (bit
 * f - 'a'; cdk_entities_tables_ok checks them). */
#define LETTER_BIT(ch) (1u << ((ch) - 'a'))
#define CONNECTOR_FIRSTS                                                       \
    (LETTER_BIT('a') | LETTER_BIT('b') | LETTER_BIT('d') | LETTER_BIT('f') |   \
     LETTER_BIT('i') | LETTER_BIT('l') | LETTER_BIT('o') | LETTER_BIT('v'))

/*
 * "of", "van", "&", "and" (the weak ones), ... inside a name. Every run's
 * end asks, so a word whose first letter starts no connector is turned
 * away before the lookup.
 */
static inline bool
is_connector(const struct ctx *c, const struct tok *k)
{
    unsigned char f;

    if (k->type != T_WORD)
        return sym_is(k, '&');
    if (k->cap || k->e - k->b > 5)
        return false;
    f = c->t[k->b];
    if (f < 'a' || f > 'z' || !(CONNECTOR_FIRSTS & LETTER_BIT(f)))
        return false;
    return tok_in(c, k, WL_CONNECTORS) || is_weak(c, k);
}

/* is_connector as it was (the reference for cdk_entities_parts_agree). */
static bool
is_connector_ref(const struct ctx *c, const struct tok *k)
{
    return (k->type == T_WORD && !k->cap && k->e - k->b <= 5 &&
            tok_in(c, k, WL_CONNECTORS)) ||
           sym_is(k, '&') || is_weak(c, k);
}

static void
emit_run(struct ctx *c, size_t i, size_t j, enum cdk_entity_kind kind,
         const char *value)
{
    while (i < j && is_connector(c, &c->run[i]))
        i++;
    while (j > i && is_connector(c, &c->run[j - 1]))
        j--;
    if (i < j)
        add(c, kind, c->run[i].b, c->run[j - 1].e, value);
}

static bool
word_before_is(const struct ctx *c, enum wl_id l)
{
    size_t len = c->before_e - c->before_b;

    return len && len < PHRASE_MAX &&
           in_list(l, c->body + c->before_b, len);
}

/*
 * Classify run[i..j), which holds no title and no leading gazetteer hit.
 * `next` is the token after the whole run.
 */
static void
classify_rest(struct ctx *c, size_t i, size_t j, const struct tok *next,
              bool after_title)
{
    const struct tok *f = &c->run[i], *l = &c->run[j - 1];
    size_t n = j - i, k;
    bool shaped = true;

    if (after_title) {
        emit_run(c, i, j, CDK_ENTITY_PERSON, NULL);
        return;
    }
    if (n == 1 && f->e - f->b == 1)
        return; /* a lone capital letter */
    if (tok_in(c, l, WL_ORG_LAST) && n > 1) {
        emit_run(c, i, j, CDK_ENTITY_ORGANISATION, NULL);
        return;
    }
    if ((tok_in(c, l, WL_PLACE_LAST) ||
         tok_in(c, f, WL_PLACE_FIRST)) && n > 1) {
        emit_run(c, i, j, CDK_ENTITY_PLACE, NULL);
        return;
    }
    if (n == 1 && f->acro) {
        size_t len = f->e - f->b;
        if (len <= 6 && !tok_in(c, f, WL_NON_ENTITY))
            emit_run(c, i, j, CDK_ENTITY_ORGANISATION, NULL);
        return;
    }
    for (k = i; k < j; k++)
        if (c->run[k].acro || !c->run[k].cap)
            shaped = false;
    /*
     * A headline yields none of the rest; is_headline reads the whole
     * sentence, so it is asked last, when a name would be emitted (the
     * tests before it have no side effect).
     */
    for (k = i; k < j && c->run[k].acro; k++)
        ;
    if (k == j)
        return; /* "BYPASS THE CENSORS": shouting, not names */
    if (c->run_initial && i == 0 && next->type == T_END)
        return; /* a line that is only a capitalised phrase */
    if (shaped && (word_before_is(c, WL_PERSON_CUES) ||
                   (next->type == T_WORD &&
                    tok_in(c, next, WL_SAY_VERBS)))) {
        if (!is_headline(c))
            emit_run(c, i, j, CDK_ENTITY_PERSON, NULL);
        return;
    }
    if (shaped && n >= 2 && n <= 3 && !(c->run_initial && i == 0)) {
        if (!is_headline(c))
            emit_run(c, i, j, CDK_ENTITY_PERSON, NULL);
        return;
    }
    if (n == 1 && i == 0 && c->run_initial)
        return; /* a capitalised first word is no name by itself */
    if (!is_headline(c))
        emit_run(c, i, j, CDK_ENTITY_OTHER, NULL);
}

static bool org_of(const struct ctx *c, size_t i, size_t n);

static void
flush_range(struct ctx *c, size_t i, size_t n, const struct tok *next)
{
    const struct gaz *g;
    size_t j, len, whole;
    bool after_gaz = false;

    /* leading function words: "The", "According", "In" */
    while (i < n && (tok_in(c, &c->run[i], WL_STOP_CAPS) &&
                     !is_title(c, &c->run[i])))
        i++;
    if (i > 0)
        c->run_initial = false;
    while (n > i && is_connector(c, &c->run[n - 1]))
        n--;
    if (i >= n)
        goto done;
    if ((g = gaz_run(c, i, n))) {
        emit_run(c, i, n, g->kind, g->canon);
        goto done;
    }
    whole = i; /* run[whole..n) is known not to be in the gazetteer */
    if (n - i > 1 && !is_title(c, &c->run[i]) &&
        (tok_in(c, &c->run[n - 1], WL_ORG_LAST) ||
         org_of(c, i, n))) {
        emit_run(c, i, n, CDK_ENTITY_ORGANISATION, NULL);
        goto done;
    }
    if (n - i > 1 && !is_title(c, &c->run[i]) &&
        (tok_in(c, &c->run[n - 1], WL_PLACE_LAST) ||
         tok_in(c, &c->run[i], WL_PLACE_FIRST))) {
        emit_run(c, i, n, CDK_ENTITY_PLACE, NULL);
        goto done;
    }
    while (i < n) {
        if (is_title(c, &c->run[i])) {
            j = i;
            while (j < n && (is_title(c, &c->run[j]) ||
                             is_connector(c, &c->run[j])))
                j++;
            /* "Secretary of State Antony Blinken": titles and connectors */
            if (j < n)
                classify_rest(c, j, n, next, true);
            goto done;
        }
        if (i == 0 || after_gaz) {
            for (len = n - i < 4 ? n - i : 4; len > 0; len--)
                if (!(i == whole && i + len == n) &&
                    (g = gaz_run(c, i, i + len)))
                    break;
            if (len > 0) {
                emit_run(c, i, i + len, g->kind, g->canon);
                i += len;
                after_gaz = true;
                continue;
            }
        }
        /* an unknown stretch up to the next title */
        for (j = i + 1; j < n && !is_title(c, &c->run[j]); j++)
            ;
        if (j < n && j + 1 < n)
            i = j; /* "Trade Secretary Patricia Hewitt": a title's modifier */
        else
            classify_rest(c, i, n, next, false), i = n;
        after_gaz = false;
    }
done:
    c->run_initial = false;
}

/* An organisation word before "of" anywhere: "National Institutes of ..." */
static bool
org_of(const struct ctx *c, size_t i, size_t n)
{
    size_t k;

    for (k = i; k + 1 < n; k++)
        if (tok_in(c, &c->run[k], WL_ORG_FIRST) &&
            tok_is(c, &c->run[k + 1], "of"))
            return true;
    return false;
}

/*
 * Classify the run. "and"/"for" join a run only when the whole names one
 * body ("National Oceanic and Atmospheric Administration"); otherwise
 * the parts are names of their own ("Bloomberg and Axios").
 */
static void
flush(struct ctx *c, const struct tok *next)
{
    const struct gaz *g;
    size_t i = 0, n = c->nrun, k, from;

    if (!c->run_weak) {
        flush_range(c, 0, n, next);
    } else if ((g = gaz_run(c, i, n))) {
        emit_run(c, i, n, g->kind, g->canon);
    } else if (tok_in(c, &c->run[n - 1], WL_ORG_LAST) ||
               org_of(c, i, n)) {
        while (i < n && tok_in(c, &c->run[i], WL_STOP_CAPS))
            i++;
        emit_run(c, i, n, CDK_ENTITY_ORGANISATION, NULL);
    } else {
        for (from = 0, k = 0; k <= n; k++) {
            if (k == n || is_weak(c, &c->run[k])) {
                if (k > from)
                    flush_range(c, from, k, next);
                from = k + 1;
            }
        }
    }
    c->nrun = 0;
    c->run_weak = false;
    c->run_initial = false;
}

static bool
name_token(const struct ctx *c, const struct tok *k)
{
    if (k->type != T_WORD || !(k->cap || k->acro) || k->lowhyph)
        return false;
    /* "I", "I’ve", "I'm" */
    if (c->t[k->b] == 'I' &&
        (k->e - k->b == 1 || c->t[k->b + 1] == '\'' ||
         (k->e - k->b > 3 && c->t[k->b + 1] == 0xE2 &&
          c->t[k->b + 2] == 0x80 && c->t[k->b + 3] == 0x99)))
        return false;
    return true;
}

/*
 * Dates written out, as in RFC 2822 and pages: "Thu, 23 Mar 2023 10:00
 * GMT", "March 23, 2023", "23 March 2023": a month name, a day and a
 * four-digit year among the first words.
 */
static void
parse_published_words(struct ctx *c, const char *p)
{
    static const char *const mon[] = {"jan", "feb", "mar", "apr",
                                      "may", "jun", "jul", "aug",
                                      "sep", "oct", "nov", "dec"};
    int y = 0, m = 0, d = 0, i;
    const char *q = p;

    while (*q && q - p < 64) {
        if (is_digit((unsigned char)*q)) {
            int x = 0, n = 0;
            while (is_digit((unsigned char)*q) && n < 5) {
                x = x * 10 + (*q++ - '0');
                n++;
            }
            if (*q == ':')
                break; /* the time: the date is over */
            if (n == 4 && !y)
                y = x;
            else if (n <= 2 && !d && x >= 1 && x <= 31)
                d = x;
            continue;
        }
        if ((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z') {
            const char *w = q;
            while (((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z'))
                q++;
            for (i = 0; i < 12 && !m && q - w >= 3; i++)
                if ((w[0] | 0x20) == mon[i][0] && (w[1] | 0x20) == mon[i][1] &&
                    (w[2] | 0x20) == mon[i][2])
                    m = i + 1;
            continue;
        }
        q++;
    }
    if (y >= 1900 && y <= 2200 && m) {
        c->py = y;
        c->pm = m;
        c->pd = d;
    }
}

/* Parse the ISO date prefix of `published`, or a date in words. */
static void
parse_published(struct ctx *c, const char *p)
{
    int v[3] = {0, 0, 0}, parts = 0, width[3] = {4, 2, 2}, i;

    if (!p)
        return;
    while (parts < 3) {
        int x = 0;
        for (i = 0; i < width[parts]; i++) {
            if (!is_digit((unsigned char)p[i]))
                goto out;
            x = x * 10 + (p[i] - '0');
        }
        v[parts++] = x;
        p += width[parts - 1];
        if (*p != '-')
            break;
        p++;
    }
out:
    if (parts >= 1 && v[0] >= 1900 && v[0] <= 2200)
        c->py = v[0];
    if (c->py && parts >= 2 && v[1] >= 1 && v[1] <= 12)
        c->pm = v[1];
    if (c->pm && parts >= 3 && v[2] >= 1 && v[2] <= 31)
        c->pd = v[2];
    if (!c->py)
        parse_published_words(c, p);
}

/*
 * "ago" occurs in the sentence's bytes (anywhere, as memmem would find
 * it): 'g' is rare, so memchr for it skips most of the text.
 */
static bool
has_ago(const struct ctx *c)
{
    const unsigned char *p = c->t + c->start, *e = c->t + c->end;

    if (e - p < 3)
        return false;
    for (p++; p + 1 < e; p++) {
        p = memchr(p, 'g', (size_t)(e - 1 - p));
        if (!p)
            return false;
        if (p[-1] == 'a' && p[1] == 'o')
            return true;
    }
    return false;
}

/*
 * The first i' >= i with c->t[i'] <= ' ', or c->end: eight bytes at a
 * step where (x - 0x21..) & ~x & 0x80.. flags the bytes below 0x21
 * (bytes >= 0x80 never; the lowest flag is exact, as a borrow only
 * moves up from a flagged byte).
 */
static size_t
skip_word_bytes(const struct ctx *c, size_t i)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    while (i + 8 <= c->end) {
        uint64_t w, m;

        memcpy(&w, c->t + i, 8);
        m = (w - 0x2121212121212121ULL) & ~w & 0x8080808080808080ULL;
        if (m)
            return i + (size_t)__builtin_ctzll(m) / 8;
        i += 8;
    }
#endif
    while (i < c->end && c->t[i] > ' ')
        i++;
    return i;
}

/*
 * The reference survey (the byte loop survey replaced): the sentence's
 * tense and whether it is a headline (most words capitalised), as
 * cdk_entities_survey_agrees compares them. A word starts after an ASCII
 * space or at the sentence's start; it counts when it starts with an
 * ASCII letter.
 */
static void
survey_ref(struct ctx *c)
{
    static const struct {
        const char *w;
        size_t n;
    } future[] = {{"will ", 5}, {"next ", 5}, {"plans ", 6}, {"upcoming ", 9}};
    size_t i, k, words = 0, caps = 0;
    bool at_word = true;

    c->future = 0;
    for (i = c->start; i < c->end; i++) {
        unsigned char ch;

        if (!at_word) {
            /* inside a word: on to the next byte <= ' ' */
            i = skip_word_bytes(c, i);
            if (i >= c->end)
                break;
        }
        ch = c->t[i];
        if (ch > ' ') {
            if (!at_word)
                continue;
        } else if (is_space(ch)) {
            at_word = true;
            continue;
        }
        at_word = false;
        if (is_upper(ch)) {
            words++;
            caps++;
        } else if (is_lower(ch)) {
            words++;
            /* only these letters start a future word */
            if (ch != 'w' && ch != 'n' && ch != 'p' && ch != 'u')
                continue;
            for (k = 0; k < NELEM(future); k++) {
                size_t n = future[k].n;
                if (ch == (unsigned char)future[k].w[0] && i + n <= c->end &&
                    memcmp(c->body + i, future[k].w, n) == 0)
                    c->future = 1;
            }
        }
    }
    c->headline = words >= 4 && caps * 10 > words * 7;
    c->ago = has_ago(c);
}

/*
 * Whether the sentence speaks of the future (a word "will", "next",
 * "plans" or "upcoming" followed by a space), worked out when a weekday
 * first asks: survey_ref's loop.
 */
static bool
speaks_of_future(struct ctx *c)
{
    if (c->future < 0) {
        struct ctx probe = *c;

        survey_ref(&probe);
        c->future = probe.future;
    }
    return c->future > 0;
}

#ifdef ENT_SWAR
/*
 * Eight bytes at once: the high bit of each byte of w that is an ASCII
 * space (is_space: ' ', '\t' .. '\r'), of each that is an ASCII letter,
 * the other bits clear. The sums only see the low seven bits of a byte
 * (at most 0x7F + 0x7F), so no carry crosses into the next byte; bytes
 * >= 0x80 are masked out at the end.
 */
static inline uint64_t
spaces64(uint64_t w)
{
    uint64_t x = w & ~HIGHS64;
    uint64_t ctl = (x + (0x80 - 0x09) * ONES64) & ~(x + (0x80 - 0x0E) * ONES64);
    uint64_t sp = ~((x ^ (0x20 * ONES64)) + 0x7F * ONES64); /* x == ' ' */

    return (ctl | sp) & ~w & HIGHS64;
}

static inline uint64_t
letters64(uint64_t w)
{
    uint64_t x = (w & ~HIGHS64) | (0x20 * ONES64); /* capitals folded */

    return (x + (0x80 - 'a') * ONES64) & ~(x + (0x80 - 'z' - 1) * ONES64) &
           ~w & HIGHS64;
}

/* How many bytes of m (high bits only) are set. */
static inline size_t
count64(uint64_t m)
{
    return (size_t)(((m >> 7) * ONES64) >> 56);
}
#endif

/*
 * Whether the sentence is a headline (most words capitalised), as
 * survey_ref learns it, worked out when classify_rest first asks (many
 * sentences never do). Eight bytes at a step where the byte order is
 * known: a word starts at a letter whose previous byte is a space (the
 * flags of the spaces moved up one byte), a capital where the letter's
 * 0x20 bit is clear.
 */
static bool
is_headline(struct ctx *c)
{
    const unsigned char *t = c->t;
    size_t i = c->start, end = c->end, words = 0, caps = 0;
    bool at_word = true;

    if (c->headline >= 0)
        return c->headline > 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    {
        uint64_t carry = 0x80; /* the start counts as after a space */

        for (; i + 8 <= end; i += 8) {
            uint64_t w = load64(t + i), sp = spaces64(w);
            uint64_t starts = ((sp << 8) | carry) & letters64(w);

            carry = sp >> 56;
            words += count64(starts);
            caps += count64(starts & ~(w << 2));
            /*
             * Every 32 bytes: a headline needs 10 caps > 7 words, that
             * is 3 caps > 7 lowercase starts. The lowercase ones only
             * grow, and end - i bytes start at most (end - i) / 2 + 1
             * more words: when even all of them capitalised would not
             * do, the answer is no (most sentences stop a third early).
             */
            if (((i - c->start) & 31) == 24 &&
                3 * (caps + (end - i) / 2 + 1) <= 7 * (words - caps)) {
                c->headline = 0;
                return false;
            }
        }
        at_word = carry != 0;
    }
#endif
    for (; i < end; i++) {
        unsigned char ch = t[i];

        if (is_space(ch)) {
            at_word = true;
            continue;
        }
        if (at_word && is_upper(ch))
            words++, caps++;
        else if (at_word && is_lower(ch))
            words++;
        at_word = false;
    }
    c->headline = words >= 4 && caps * 10 > words * 7;
    return c->headline > 0;
}

/*
 * What survey_ref learns, as far as every sentence needs it: whether
 * "ago" occurs. The headline and the tense wait until asked
 * (is_headline, speaks_of_future).
 */
static void
survey(struct ctx *c)
{
    c->future = -1;
    c->headline = -1;
    c->ago = has_ago(c);
}

bool
cdk_entities_survey_agrees(const char *body, size_t start, size_t end)
{
    struct ctx fast, ref;

    memset(&fast, 0, sizeof(fast));
    ctx_bounds(&fast, body, start, end);
    ref = fast;
    survey(&fast);
    survey_ref(&ref);
    return is_headline(&fast) == (ref.headline > 0) && fast.ago == ref.ago &&
           speaks_of_future(&fast) == (ref.future > 0);
}

/*
 * Append the entities of body[start..end) to (*v, *n, *alloc), each with
 * text NULL and value NULL; sx->voff[i] is the offset in sx->pool of the
 * value of the i-th of them (NO_VALUE for none). cdk_entities_find_into and
 * cdk_entities_find give them their strings.
 */
/*
 * Is the word k the start of a designation -- capitals, a hyphen, then
 * digits: "COVID-19", "F-16", "G-8", "MH-17"? Then *d is its number,
 * which is no quantity: the whole is one name.
 */
static bool
designation(const struct ctx *c, const struct tok *k, struct tok *d)
{
    if (!(k->acro || (k->cap && k->e - k->b == 1)) || k->poss ||
        k->e + 1 >= c->end || c->body[k->e] != '-' ||
        c->body[k->e + 1] < '0' || c->body[k->e + 1] > '9')
        return false;
    tok_scan(c, k->e + 1, d);
    return d->type == T_NUM && d->b == k->e + 1 && d->ne == d->e;
}

/*
 * Skip the plain tokens from pos on, each after at most one space:
 * lowercase words (ASCII letters and digits, the first a lowercase
 * letter, ended by a byte that joins nothing: tok_scan's words with cap
 * and acro false) that can start no relative date (rel_word), and ASCII
 * punctuation but '$' (tok_scan's one-byte symbols). While no run of
 * names is open and "ago" is nowhere in the sentence, find does nothing
 * with such a token but note the word before the next (none after a
 * symbol); this does the same here, without building the token. Returns
 * where find goes on (pos itself when the first token is not plain).
 *
 * A word is read from one load of its first eight bytes: its end by a
 * mask, with no branch on its length up to seven letters (longer words
 * go on by alnum_end), and the first four for the relative-date probe.
 */
static size_t
skip_plain(const struct ctx *c, size_t pos, size_t *prev_b, size_t *prev_e,
           bool *first)
{
#ifdef ENT_SWAR
    const unsigned char *t = c->t;
    const size_t end = c->end;

    for (;;) {
        size_t i, j;
        uint64_t w, x, f, letter, digit, other;
        unsigned char b0, stop;
        uint32_t key;
        unsigned h;

        if (pos + 9 > end)
            break; /* (near the end: tok_scan's) */
        i = pos + (t[pos] == ' ');
        w = load64(t + i);
        b0 = (unsigned char)w;
        if (b0 < 'a' || b0 > 'z') {
            /* ASCII punctuation: a symbol token of one byte */
            if (b0 >= 0x80 || (byte_class[b0] & (BC_ALNUM | BC_SPACE)) ||
                b0 == '$')
                break;
            *prev_b = *prev_e = 0;
            pos = i + 1;
            continue;
        }
        x = w & ~HIGHS64;
        f = x | (0x20 * ONES64); /* capitals folded */
        letter = (f + (0x80 - 'a') * ONES64) & ~(f + (0x80 - 'z' - 1) * ONES64);
        digit = (x + (0x80 - '0') * ONES64) & ~(x + (0x80 - '9' - 1) * ONES64);
        /* bytes 1..7 that are no ASCII letter or digit */
        other = ~((letter | digit) & ~w) & HIGHS64 & ~0xFFULL;
        if (other) {
            j = i + (size_t)__builtin_ctzll(other) / 8;
            stop = (unsigned char)(w >> (8 * (j - i)));
        } else {
            j = alnum_end(t, i + 8, end);
            if (j >= end)
                break;
            stop = t[j];
        }
        if (byte_class[stop] & BC_JOIN)
            break; /* "U.S", "don't", "well-known", "word.": tok_scan's */
        /* rel_word's probe without its length test: no slot holds a
         * word shorter than four letters (bytes 0..3 are in the
         * sentence, the word or what follows it) */
        key = (uint32_t)w | 0x20202020u;
        h = rel_slot(key, j - i);
        if (rel_slots[h].key == key && rel_slots[h].n == j - i)
            break;
        *prev_b = i;
        *prev_e = j;
        *first = false;
        pos = j;
    }
#else
    (void)c, (void)prev_b, (void)prev_e, (void)first;
#endif
    return pos;
}

static void
find(const char *body, size_t start, size_t end, size_t cstart,
     const char *published, struct cdk_entity **v, size_t *n, size_t *alloc,
     struct cdk_entities *sx, bool fast)
{
    struct ctx c;
    struct tok k, des;
    size_t pos, used, prev_b = 0, prev_e = 0; /* the word before k */
    bool first = true;

    if (!body || end <= start)
        return;
    memset(&c, 0, CTX_CLEAR);
    ctx_bounds(&c, body, start, end);
    c.cstart = c.cpos = cstart;
    c.cpos_b = start;
    c.v = v;
    c.n = n;
    c.alloc = alloc;
    c.n0 = *n;
    c.sx = sx;
    sx->pool_len = 0;
    c.ascii = cdk_utf8_ascii_prefix(body + start, end - start) == end - start;
    parse_published(&c, published);
    survey(&c);
    pos = start;
    for (;;) {
        if (fast && c.nrun == 0 && !c.ago)
            pos = skip_plain(&c, pos, &prev_b, &prev_e, &first);
        tok_scan(&c, pos, &k);
        if (k.type == T_END)
            break;
        if (k.type == T_WORD && designation(&c, &k, &des)) {
            /* "COVID-19", "F-16", "G-8": one name, no number */
            if (c.nrun > 0)
                flush(&c, &k);
            add(&c, CDK_ENTITY_OTHER, k.b, des.e, NULL);
            c.nrun = 0;
            c.run_weak = false;
            c.run_initial = false;
            pos = des.next;
            first = false;
            prev_b = prev_e = 0;
            continue;
        }
        if (k.type == T_NUM || k.type == T_WORD || currency_at(&k)) {
            {
                size_t had = *n;

                used = date_may_start(&c, &k) ? try_date(&c, &k) : 0;
                if (!used && k.type != T_WORD)
                    used = try_number(&c, &k);
                if (used && c.nrun > 0 && *n == had + 1) {
                    /* the name run before it ends here, and comes first:
                     * move the date or number (and its value) last */
                    struct cdk_entity d = (*v)[had];
                    size_t dv = sx->voff[had - c.n0], *vo;

                    flush(&c, &k);
                    vo = sx->voff + (had - c.n0); /* (flush may move it) */
                    memmove(&(*v)[had], &(*v)[had + 1],
                            (*n - had - 1) * sizeof(**v));
                    memmove(vo, vo + 1, (*n - had - 1) * sizeof(*vo));
                    (*v)[*n - 1] = d;
                    vo[*n - had - 1] = dv;
                }
                if (used) {
                    c.nrun = 0;
                    c.run_weak = false;
                    c.run_initial = false;
                    pos = used;
                    first = false;
                    prev_b = k.type == T_WORD ? k.b : 0;
                    prev_e = k.type == T_WORD ? k.e : 0;
                    continue;
                }
            }
        }
        if (name_token(&c, &k)) {
            if (c.nrun == MAX_RUN)
                flush(&c, &k);
            if (c.nrun == 0) {
                c.run_initial = first;
                c.before_b = prev_b;
                c.before_e = prev_e;
            }
            run_push(&c, &k);
            if (k.poss) {
                struct tok nx = tok_read(&c, k.next);
                flush(&c, &nx);
            }
        } else if (c.nrun > 0 && is_connector(&c, &k) &&
                   c.nrun + 1 < MAX_RUN &&
                   name_token(&c, (struct tok[]){tok_read(&c, k.next)})) {
            run_push(&c, &k);
            if (is_weak(&c, &k))
                c.run_weak = true;
        } else if (c.nrun > 0) {
            flush(&c, &k);
        }
        if (k.type != T_SYM)
            first = false; /* quotes, dashes, bullets keep the start */
        prev_b = k.type == T_WORD ? k.b : 0;
        prev_e = k.type == T_WORD ? k.e : 0;
        pos = k.next;
    }
    if (c.nrun)
        flush(&c, &k);
}

void
cdk_entities_find(const char *body, size_t start, size_t end, size_t cstart,
                  const char *published, struct cdk_entity **v, size_t *n,
                  size_t *alloc)
{
    struct cdk_entities sx = CDK_ENTITIES_INIT;
    size_t n0 = *n, i;

    find(body, start, end, cstart, published, v, n, alloc, &sx, true);
    for (i = n0; i < *n; i++) {
        struct cdk_entity *x = &(*v)[i];

        x->text = cdk_xstrndup(body + x->start, x->end - x->start);
        x->value = sx.voff[i - n0] == NO_VALUE
                       ? NULL
                       : cdk_xstrdup(sx.pool + sx.voff[i - n0]);
    }
    cdk_entities_release(&sx);
}

/* cdk_entities_find_into, by find's fast path or its plain one. */
static void
find_into(struct cdk_entities *e, const char *body, size_t start, size_t end,
          size_t cstart, const char *published, bool fast)
{
    size_t i, need = 0, values;
    char *p;

    e->n = 0;
    find(body, start, end, cstart, published, &e->v, &e->n, &e->alloc, e,
         fast);
    /* the values are pool[0..values); the texts go after them */
    values = e->pool_len;
    for (i = 0; i < e->n; i++)
        need += e->v[i].end - e->v[i].start + 1;
    if (need == 0)
        return; /* no entity: the pool may still be NULL */
    CDK_ALLOC_GROW(e->pool, values + need, e->pool_alloc);
    p = e->pool + values;
    for (i = 0; i < e->n; i++) {
        struct cdk_entity *x = &e->v[i];
        size_t len = x->end - x->start;

        memcpy(p, body + x->start, len);
        p[len] = '\0';
        x->text = p;
        p += len + 1;
        x->value = e->voff[i] == NO_VALUE ? NULL : e->pool + e->voff[i];
    }
    e->pool_len = values + need;
}

void
cdk_entities_find_into(struct cdk_entities *e, const char *body, size_t start,
                       size_t end, size_t cstart, const char *published)
{
    find_into(e, body, start, end, cstart, published, true);
}

bool
cdk_entities_fast_agrees(const char *body, size_t start, size_t end,
                         size_t cstart, const char *published)
{
    struct cdk_entities fast = CDK_ENTITIES_INIT, plain = CDK_ENTITIES_INIT;
    size_t i;
    bool ok;

    find_into(&fast, body, start, end, cstart, published, true);
    find_into(&plain, body, start, end, cstart, published, false);
    ok = fast.n == plain.n;
    for (i = 0; ok && i < fast.n; i++) {
        const struct cdk_entity *a = &fast.v[i], *b = &plain.v[i];

        ok = a->kind == b->kind && a->start == b->start && a->end == b->end &&
             a->cstart == b->cstart && a->cend == b->cend &&
             strcmp(a->text, b->text) == 0 &&
             (a->value ? b->value && strcmp(a->value, b->value) == 0
                       : !b->value);
    }
    cdk_entities_release(&fast);
    cdk_entities_release(&plain);
    return ok;
}

void
cdk_entities_release(struct cdk_entities *e)
{
    free(e->v);
    free(e->pool);
    free(e->voff);
    *e = (struct cdk_entities)CDK_ENTITIES_INIT;
}

bool
cdk_entities_tokens_agree(const char *body, size_t start, size_t end,
                          size_t *where)
{
    struct ctx c;
    size_t i;

    memset(&c, 0, sizeof(c));
    ctx_bounds(&c, body, start, end);
    for (i = start; i <= end; i++) {
        struct tok got, want;

        /* every field (memcmp would also compare the padding) */
        tok_scan(&c, i, &got);
        tok_scan_ref(&c, i, &want);
        if (got.b != want.b || got.e != want.e || got.next != want.next ||
            got.ne != want.ne || got.type != want.type ||
            got.cap != want.cap || got.acro != want.acro ||
            got.poss != want.poss || got.lowhyph != want.lowhyph ||
            got.cp != want.cp || got.wl != want.wl) {
            if (where)
                *where = i;
            return false;
        }
    }
    return true;
}

bool
cdk_entities_parts_agree(const char *body, size_t start, size_t end,
                         size_t *where)
{
    struct ctx c;
    struct tok k;
    size_t i;

    struct cdk_entity *v = NULL;
    struct cdk_entities sx = CDK_ENTITIES_INIT;
    size_t n = 0, alloc = 0;
    bool ok = true;

    memset(&c, 0, sizeof(c));
    ctx_bounds(&c, body, start, end);
    c.v = &v;
    c.n = &n;
    c.alloc = &alloc;
    c.sx = &sx;
    survey(&c);
    for (i = start; i < end && ok; i++) {
        tok_scan(&c, i, &k);
        if (rel_word(&c, &k) != rel_word_ref(&c, &k) ||
            is_connector(&c, &k) != is_connector_ref(&c, &k))
            ok = false;
        /* a token date_may_start turns away is no date */
        if (!date_may_start(&c, &k) && (try_date(&c, &k) != 0 || n != 0))
            ok = false;
        if (k.type == T_NUM) {
            /* the number's digits as try_number reads them */
            char digits[48];
            size_t j, nd = 0;

            for (j = k.b; j < k.ne && nd + 1 < sizeof(digits); j++)
                if (c.t[j] != ',')
                    digits[nd++] = (char)c.t[j];
            digits[nd] = 0;
            if (!cdk_entities_decimal_agrees(digits, NULL) ||
                !cdk_entities_decimal_agrees(digits, "%"))
                ok = false;
            /* try_number reads them with cdk_num_strtod */
            {
                char *e1, *e2;
                double d1 = cdk_num_strtod(digits, &e1);
                double d2 = strtod(digits, &e2);

                if (memcmp(&d1, &d2, sizeof(d1)) != 0 || e1 != e2)
                    ok = false;
            }
        }
        if (!ok && where)
            *where = k.b;
    }
    free(v); /* (no strings: try_date found nothing, or ok is false) */
    cdk_entities_release(&sx);
    return ok;
}

/* lists_of's answer by a plain search of every list (the reference). */
static uint32_t
lists_ref(const char *w, size_t len)
{
    uint32_t bits = 0;
    size_t l, i;

    for (l = 0; l < NELEM(word_lists); l++)
        for (i = 0; i < word_lists[l].n; i++)
            if (strlen(word_lists[l].list[i]) == len &&
                memcmp(word_lists[l].list[i], w, len) == 0)
                bits |= 1u << l;
    for (i = 0; i < NELEM(gazetteer); i++) {
        const char *name = gazetteer[i].name, *sp = strchr(name, ' ');
        size_t n = sp ? (size_t)(sp - name) : strlen(name);

        if (n == len && memcmp(name, w, len) == 0)
            bits |= 1u << (sp ? WL_GAZ_HEAD : WL_GAZ_WORD);
    }
    return bits;
}

/* cdk_entities_person_title as it was (the reference). */
static bool
person_title_ref(const char *w, size_t n)
{
    const char *dash = n > 0 ? memchr(w, '-', n) : NULL;

    if (dash && dash + 1 < w + n) {
        n -= (size_t)(dash + 1 - w);
        w = dash + 1;
    }
    if (n > 1 && w[n - 1] == '.')
        n--;
    if (n == 0 || n >= PHRASE_MAX)
        return false;
    return in_list(WL_TITLES, w, n) ||
           (in_list(WL_PERSON_CUES, w, n) && !in_list(WL_SAY_VERBS, w, n) &&
            !(n == 9 && memcmp(w, "according", 9) == 0));
}

bool
cdk_entities_title_agrees(const char *w, size_t n)
{
    return cdk_entities_person_title(w, n) == person_title_ref(w, n);
}

/* gaz_find's answer by a plain search of the gazetteer. */
static const struct gaz *
gaz_ref(const char *w, size_t len)
{
    size_t i;

    for (i = 0; i < NELEM(gazetteer); i++)
        if (strlen(gazetteer[i].name) == len &&
            memcmp(gazetteer[i].name, w, len) == 0)
            return &gazetteer[i];
    return NULL;
}

static bool
sorted(const char *const *list, size_t n)
{
    size_t i;

    for (i = 1; i < n; i++)
        if (strcmp(list[i - 1], list[i]) >= 0)
            return false;
    return true;
}

bool
cdk_entities_tables_ok(void)
{
    size_t i;

    for (i = 1; i < NELEM(gazetteer); i++)
        if (strcmp(gazetteer[i - 1].name, gazetteer[i].name) >= 0)
            return false;
    /* gaz_run's filter lets every name through */
    for (i = 0; i < NELEM(gazetteer); i++) {
        const char *name = gazetteer[i].name, *sp = strchr(name, ' ');
        size_t len = sp ? (size_t)(sp - name) : strlen(name);

        if (!(lists_of(name, len) & (1u << (sp ? WL_GAZ_HEAD : WL_GAZ_WORD))))
            return false;
    }
    for (i = 0; i < NELEM(word_lists); i++)
        if (!sorted(word_lists[i].list, word_lists[i].n))
            return false;
    /* the hash tables answer as a plain search of the lists: for every
     * word and name, and for each without its last letter (near misses) */
    for (i = 0; i < NELEM(word_lists); i++) {
        size_t j;

        for (j = 0; j < word_lists[i].n; j++) {
            const char *w = word_lists[i].list[j];
            size_t len = strlen(w);

            if (lists_of(w, len) != lists_ref(w, len) ||
                lists_of(w, len - 1) != lists_ref(w, len - 1) ||
                gaz_find(w, len) != gaz_ref(w, len))
                return false;
        }
    }
    for (i = 0; i < NELEM(gazetteer); i++) {
        const char *name = gazetteer[i].name;
        size_t len = strlen(name);

        if (gaz_find(name, len) != &gazetteer[i] ||
            gaz_find(name, len - 1) != gaz_ref(name, len - 1) ||
            lists_of(name, len) != lists_ref(name, len))
            return false;
    }
    /* cap_date_shape lets every word through that can start a date */
    for (i = 0; i < NELEM(months); i++)
        if (!cap_date_shape((unsigned char)months[i][0], strlen(months[i])) ||
            !cap_date_shape((unsigned char)months[i][0], 3))
            return false;
    for (i = 0; i < NELEM(weekdays); i++)
        if (!cap_date_shape((unsigned char)weekdays[i][0],
                            strlen(weekdays[i])))
            return false;
    for (i = R_NONE + 1; i < NELEM(rel_words); i++) {
        const char *w = rel_words[i].w;
        unsigned h = rel_slot(KEY4(w[0], w[1], w[2], w[3]), rel_words[i].n);

        if (!cap_date_shape((unsigned char)w[0], rel_words[i].n) ||
            rel_slots[h].rel != i)
            return false;
    }
    if (!cap_date_shape('S', 4)) /* "Sept" */
        return false;
    for (i = 0; i < NELEM(connectors); i++)
        if (!(CONNECTOR_FIRSTS & LETTER_BIT(connectors[i][0])))
            return false;
    if (!(CONNECTOR_FIRSTS & LETTER_BIT('a')) ||
        !(CONNECTOR_FIRSTS & LETTER_BIT('f'))) /* "and", "for" */
        return false;
    for (i = 1; i < NELEM(unit_words); i++)
        if (strcmp(unit_words[i - 1].word, unit_words[i].word) >= 0)
            return false;
    for (i = 0; i < 256; i++) {
        unsigned char b = (unsigned char)i;
        unsigned want = is_space(b)   ? BC_SPACE
                        : is_digit(b) ? BC_DIGIT
                        : is_upper(b) ? BC_UPPER
                        : is_lower(b) ? BC_LOWER
                                      : 0;

        if (b == '-' || b == '.' || b == '\'' || b >= 0x80)
            want |= BC_JOIN;
        if (byte_class[i] != want)
            return false;
    }
    return true;
}

void
cdk_entities_free(struct cdk_entity *v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        free(v[i].text);
        free(v[i].value);
    }
    free(v);
}
