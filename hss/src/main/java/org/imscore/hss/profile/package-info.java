/**
 * Service profiles and initial filter criteria (TS 29.228 Annex B), and the Cx User-Data document
 * made from them ({@link org.imscore.hss.profile.UserDataXml}, schema CxDataType_Rel7.xsd).
 */
package org.imscore.hss.profile;
